using System.Diagnostics;

namespace Portal.Benchmarks;

internal sealed record StatementTotal(string Statement, int Calls, double TotalMs, double MaxMs);

/// <summary>Time per statement (Npgsql's tracing: execution plus reading the rows), to show where an evaluation spends it.</summary>
internal sealed class StatementProfile : IDisposable
{
    private readonly ActivityListener listener;
    private readonly Dictionary<string, StatementTotal> statements = [];

    public StatementProfile()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public bool Enabled { get; set; }

    public static void Print(string title, List<StatementTotal> rows, int top)
    {
        Console.WriteLine(title);
        Console.WriteLine($"  {"total",9} {"calls",6} {"max",9}  statement");
        foreach (var row in rows.Take(top))
        {
            Console.WriteLine($"  {Ms(row.TotalMs),9} {row.Calls,6} {Ms(row.MaxMs),9}  {row.Statement}");
        }

        var rest = rows.Skip(top).ToList();
        if (rest.Count > 0)
        {
            Console.WriteLine($"  {Ms(rest.Sum(r => r.TotalMs)),9} {rest.Sum(r => r.Calls),6} {"",9}  ({rest.Count} other statements)");
        }

        Console.WriteLine($"  {Ms(rows.Sum(r => r.TotalMs)),9} {rows.Sum(r => r.Calls),6} {"",9}  all statements");
    }

    /// <summary>What was recorded so far, slowest first; recording starts afresh.</summary>
    public List<StatementTotal> Take()
    {
        lock (statements)
        {
            var rows = statements.Values.OrderByDescending(s => s.TotalMs).ToList();
            statements.Clear();
            return rows;
        }
    }

    public void Dispose() => listener.Dispose();

    private static string Ms(double milliseconds) => milliseconds >= 10_000 ? $"{milliseconds / 1000:0.0} s" : $"{milliseconds:0} ms";

    private void Record(Activity activity)
    {
        if (!Enabled)
        {
            return;
        }

        var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
        var key = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        key = key.Length > 90 ? key[..90] + "…" : key;
        var ms = activity.Duration.TotalMilliseconds;
        lock (statements)
        {
            var total = statements.GetValueOrDefault(key) ?? new StatementTotal(key, 0, 0, 0);
            statements[key] = total with { Calls = total.Calls + 1, TotalMs = total.TotalMs + ms, MaxMs = Math.Max(total.MaxMs, ms) };
        }
    }
}
