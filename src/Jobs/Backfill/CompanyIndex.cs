using Portal.Domain.Backfill.Matching;

namespace Portal.Jobs.Backfill;

/// <summary>
/// The per-import in-memory index of existing companies by name blocking key and by domain, built with one query
/// when an import starts and kept up to date with the companies the import creates.
/// </summary>
/// <remarks>
/// Why in memory and not keys computed in SQL: candidates must be compared on normalized names (suffixes removed,
/// see <see cref="CompanyMatcher"/>), and the normalization rules are C# configuration that SQL cannot reproduce.
/// The index costs one sequential read of company_master per import and answers each row with a few dictionary
/// lookups; no row is ever compared with all companies. Keys are kept as 64-bit hashes in posting chains (about
/// 40 bytes per key and company instead of a string and a list each), so a million companies fit in well under a
/// gigabyte; a hash collision only adds a candidate, which the matcher then scores (and rejects). Companies that
/// other writers create while an import runs are not seen by it (they are at the next import).
/// </remarks>
internal sealed class CompanyIndex(double minimumScore)
{
    private readonly List<CompanyCandidate> companies = [];
    private readonly Dictionary<string, int> byId = new(StringComparer.Ordinal);
    private readonly Postings byKey = new();
    private readonly Postings byDomain = new();

    public void Add(CompanyCandidate company) => Add(company, CompanyMatcher.BlockingKeys(company.Name));

    /// <summary>Adds a company whose blocking keys were already computed (loading computes them in parallel).</summary>
    public void Add(CompanyCandidate company, IReadOnlyList<string> keys)
    {
        var item = companies.Count;
        companies.Add(company);
        byId[company.Id] = item;
        foreach (var key in keys)
        {
            byKey.Add(Hash(key), item);
        }

        if (CompanyMatcher.DomainKey(company.Domain) is { } domain)
        {
            byDomain.Add(Hash(domain), item);
        }
    }

    /// <summary>The domain of a known company, or null.</summary>
    public string? DomainOf(string id) => byId.TryGetValue(id, out var item) ? companies[item].Domain : null;

    /// <summary>Forgets a company (one the import created in a batch the database then rejected).</summary>
    public void Remove(string id) => byId.Remove(id);

    /// <summary>
    /// The companies with the row's domain; when there are none, those sharing a blocking key with its name whose
    /// name can reach the minimum score (the review threshold: below it a candidate changes no decision, and listing
    /// it would only bloat the review's candidates), each once. A domain hit is a perfect match that no name
    /// candidate changes (see <see cref="CompanyMatcher.Match"/>).
    /// </summary>
    public List<CompanyCandidate> Candidates(string name, string? domain)
    {
        var seen = new HashSet<int>();
        var result = new List<CompanyCandidate>();
        if (CompanyMatcher.DomainKey(domain) is { } key)
        {
            Collect(byDomain, Hash(key), seen, result);
            if (result.Exists(c => string.Equals(CompanyMatcher.DomainKey(c.Domain), key, StringComparison.Ordinal)))
            {
                return result;
            }
        }

        var byName = new List<CompanyCandidate>();
        foreach (var blockingKey in CompanyMatcher.CandidateKeys(name))
        {
            Collect(byKey, Hash(blockingKey), seen, byName);
        }

        result.AddRange(byName.Where(c => Similarity.UpperBound(name, c.Name) >= minimumScore));
        return result;
    }

    private void Collect(Postings postings, ulong key, HashSet<int> seen, List<CompanyCandidate> result)
    {
        foreach (var item in postings.Items(key))
        {
            var company = companies[item];
            // A removed company is no longer the item its id points at.
            if (seen.Add(item) && byId.TryGetValue(company.Id, out var current) && current == item)
            {
                result.Add(company);
            }
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable, cheap, and 64 bits make collisions rare at millions of keys.</summary>
    private static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Key → the items under it, as chains through two arrays (one node per key and item).</summary>
    private sealed class Postings
    {
        private readonly Dictionary<ulong, int> heads = [];
        private int[] items = new int[1024];
        private int[] next = new int[1024];
        private int count;

        public void Add(ulong key, int item)
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
                Array.Resize(ref next, count * 2);
            }

            items[count] = item;
            next[count] = heads.TryGetValue(key, out var head) ? head : -1;
            heads[key] = count++;
        }

        public IEnumerable<int> Items(ulong key)
        {
            if (!heads.TryGetValue(key, out var node))
            {
                yield break;
            }

            for (; node >= 0; node = next[node])
            {
                yield return items[node];
            }
        }
    }
}
