namespace Portal.Jobs.Scheduling;

/// <summary>Every job the portal runs, looked up by name.</summary>
public sealed class JobCatalog(IEnumerable<JobDefinition> definitions)
{
    public const string Group = "portal";

    private readonly Dictionary<string, JobDefinition> byName = definitions.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<JobDefinition> All => byName.Values;

    public JobDefinition? Find(string name) => byName.GetValueOrDefault(name);
}
