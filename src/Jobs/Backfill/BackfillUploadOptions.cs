namespace Portal.Jobs.Backfill;

public sealed class BackfillUploadOptions
{
    public const string Section = "Backfill";

    /// <summary>
    /// Where uploads are stored, one file per import. The import job reads only from here (by import id), so
    /// nobody can point it at an arbitrary file on the server.
    /// </summary>
    public string UploadDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "portal-uploads");

    /// <summary>The largest CSV an upload may be (1 GiB unless configured).</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    public string UploadPath(long importId) => Path.Combine(UploadDirectory, $"import-{importId}.csv");
}
