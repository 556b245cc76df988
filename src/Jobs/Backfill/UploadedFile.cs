using System.Security.Cryptography;

namespace Portal.Jobs.Backfill;

/// <summary>
/// A stored upload: private to the service user (directory 0700, file 0600) and checked against the SHA-256 taken
/// when it was uploaded before anything reads it, so a file changed on disk is never previewed or imported.
/// </summary>
public static class UploadedFile
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the upload directory if needed and makes it accessible to the service user only.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, DirectoryMode);
        if ((File.GetUnixFileMode(directory) & ~DirectoryMode) != 0)
        {
            File.SetUnixFileMode(directory, DirectoryMode);
        }
    }

    /// <summary>A new file (it must not exist) that only the service user can read.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>Refuses a stored upload whose content is no longer what was uploaded.</summary>
    /// <exception cref="UploadedFileChangedException">The file's SHA-256 is not <paramref name="expectedSha256"/>.</exception>
    public static async Task VerifyAsync(string path, string expectedSha256, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedSha256);
        var actual = await Sha256Async(path, cancellationToken);
        if (!actual.Equals(expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadedFileChangedException(expectedSha256, actual);
        }
    }
}

/// <summary>A stored upload no longer has the content it was uploaded with.</summary>
public sealed class UploadedFileChangedException(string expectedSha256, string actualSha256)
    : Exception($"The uploaded file changed since it was uploaded (sha-256 {expectedSha256} at upload, {actualSha256} now); upload it again.")
{
    public string ExpectedSha256 { get; } = expectedSha256;

    public string ActualSha256 { get; } = actualSha256;
}
