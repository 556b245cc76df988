using Portal.Domain.Backfill.Matching;

namespace Portal.Jobs.Backfill;

/// <summary>
/// The per-import in-memory index of existing companies by normalized name blocking key and by domain, built with
/// one query when an import starts and kept up to date with the companies the import creates.
/// </summary>
/// <remarks>
/// Why in memory and not keys computed in SQL: candidates must be compared on normalized names (suffixes removed,
/// see <see cref="CompanyMatcher"/>), and the normalization rules are C# configuration that SQL cannot reproduce.
/// The index costs one sequential read of company_master per import (about 100 bytes per company) and answers each
/// row with a dictionary lookup; no row is ever compared with all companies. Companies that other writers create
/// while an import runs are not seen by it (they are at the next import).
/// </remarks>
internal sealed class CompanyIndex
{
    private readonly Dictionary<string, List<CompanyCandidate>> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CompanyCandidate>> byDomain = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(CompanyCandidate company)
    {
        Count++;
        foreach (var key in CompanyMatcher.BlockingKeys(company.Name))
        {
            Bucket(byKey, key).Add(company);
        }

        if (CompanyMatcher.DomainKey(company.Domain) is { } domain)
        {
            Bucket(byDomain, domain).Add(company);
        }
    }

    /// <summary>Forgets a company (one the import created in a batch the database then rejected).</summary>
    public void Remove(string id)
    {
        foreach (var list in byKey.Values.Concat(byDomain.Values))
        {
            if (list.RemoveAll(c => c.Id == id) > 0)
            {
                Count--;
            }
        }
    }

    /// <summary>The companies with the row's domain plus those sharing a blocking key with its name, each once.</summary>
    public List<CompanyCandidate> Candidates(string name, string? domain)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<CompanyCandidate>();
        if (CompanyMatcher.DomainKey(domain) is { } key && byDomain.TryGetValue(key, out var sameDomain))
        {
            foreach (var company in sameDomain)
            {
                if (seen.Add(company.Id))
                {
                    result.Add(company);
                }
            }
        }

        foreach (var blockingKey in CompanyMatcher.BlockingKeys(name))
        {
            if (byKey.TryGetValue(blockingKey, out var block))
            {
                foreach (var company in block)
                {
                    if (seen.Add(company.Id))
                    {
                        result.Add(company);
                    }
                }
            }
        }

        return result;
    }

    private static List<CompanyCandidate> Bucket(Dictionary<string, List<CompanyCandidate>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }
}
