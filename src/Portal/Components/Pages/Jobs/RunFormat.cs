using Portal.Domain.Runs;

namespace Portal.Components.Pages.Jobs;

internal static class RunFormat
{
    public static string Duration(JobRun run) =>
        run.StartedAt is { } started ? ((run.FinishedAt ?? DateTimeOffset.UtcNow) - started).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "";
}
