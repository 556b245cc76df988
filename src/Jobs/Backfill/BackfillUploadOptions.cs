namespace Portal.Jobs.Backfill;

public sealed class BackfillUploadOptions
{
    public const string Section = "Backfill";

    /// <summary>
    /// Where uploads are stored, one file per import, readable by the service user only. The import job reads only
    /// from here (by import id), so nobody can point it at an arbitrary file on the server. Unless configured, the
    /// instance's own <c>App_Data/uploads</c> under its content root, never a folder other copies share.
    /// </summary>
    public string UploadDirectory { get; set; } = "";

    /// <summary>The largest CSV an upload may be (1 GiB unless configured).</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Longer cells are cut to this many characters and flagged.</summary>
    public int MaxCellChars { get; set; } = LegacyCsvLimits.Default.MaxCellChars;

    /// <summary>A longer line is an error row (a longer header is cut).</summary>
    public int MaxLineChars { get; set; } = LegacyCsvLimits.Default.MaxLineChars;

    public LegacyCsvLimits Limits => new(MaxCellChars, MaxLineChars);

    public string UploadPath(long importId) => Path.Combine(UploadDirectory, $"import-{importId}.csv");

    /// <summary>The default upload directory of an instance whose content root is <paramref name="contentRoot"/>.</summary>
    public static string DefaultUploadDirectory(string contentRoot) => Path.Combine(contentRoot, "App_Data", "uploads");
}
