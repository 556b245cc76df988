namespace Portal.Hosting;

/// <summary>What this process does: serve the web app, run jobs, or both.</summary>
public enum ProcessRole
{
    All,
    Web,
    Worker,
}

public static class ProcessRoleExtensions
{
    public static ProcessRole Read(IConfiguration configuration)
    {
        var value = configuration["Portal:Role"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return ProcessRole.All;
        }

        return Enum.TryParse<ProcessRole>(value, ignoreCase: true, out var role)
            ? role
            : throw new InvalidOperationException($"Portal:Role must be all, web or worker, not '{value}'.");
    }

    public static bool ServesWeb(this ProcessRole role) => role is ProcessRole.All or ProcessRole.Web;

    public static bool ExecutesJobs(this ProcessRole role) => role is ProcessRole.All or ProcessRole.Worker;
}
