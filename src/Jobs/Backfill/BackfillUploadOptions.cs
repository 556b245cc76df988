namespace Portal.Jobs.Backfill;

public sealed class BackfillUploadOptions
{
    public const string Section = "Backfill";

    /// <summary>
    /// Where uploads are stored, one file per import. The import job reads only from here (by import id), so
    /// nobody can point it at an arbitrary file on the server.
    /// </summary>
    public string UploadDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "portal-uploads");

    public string UploadPath(long importId) => Path.Combine(UploadDirectory, $"import-{importId}.csv");
}
