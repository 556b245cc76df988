using System.Threading.Channels;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

/// <summary>
/// A row as far as it can be taken without the database: read, hashed, normalized (or the normalizer's error), and its
/// source data as JSON. Immutable, so a batch the database rejected is decided again from the same prepared rows.
/// </summary>
internal sealed record PreparedRow(LegacyCsvRow Source, string Hash, NormalizedRow? Normalized, string? NormalizationError, string SourceData);

public sealed partial class LegacyBackfillImporter
{
    /// <summary>Prepared batches waiting for the database: enough to keep both sides busy without holding the file in memory.</summary>
    private const int BatchesAhead = 2;

    /// <summary>
    /// Reads the rows after the checkpoint and prepares them batch by batch on other threads, while the caller decides
    /// and writes the previous batch: reading, hashing and normalizing (most of an import's CPU) overlap the database
    /// work instead of waiting for it. The batches come in file order; a reading error ends the sequence with it. Cancel
    /// the token and await the task before disposing the reader.
    /// </summary>
    private static (ChannelReader<List<PreparedRow>> Batches, Task Done) PrepareBatches(LegacyCsvReader reader, int checkpoint, int batchSize, RowNormalizer normalizer, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<List<PreparedRow>>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        var done = Task.Run(
            async () =>
            {
                try
                {
                    var rows = new List<LegacyCsvRow>(batchSize);
                    foreach (var row in reader.ReadRows(cancellationToken))
                    {
                        if (row.RowNumber <= checkpoint)
                        {
                            continue;
                        }

                        rows.Add(row);
                        if (rows.Count == batchSize)
                        {
                            await channel.Writer.WriteAsync(Prepare(rows, normalizer, cancellationToken), cancellationToken);
                            rows.Clear();
                        }
                    }

                    if (rows.Count > 0)
                    {
                        await channel.Writer.WriteAsync(Prepare(rows, normalizer, cancellationToken), cancellationToken);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);
        return (channel.Reader, done);
    }

    private static List<PreparedRow> Prepare(List<LegacyCsvRow> rows, RowNormalizer normalizer, CancellationToken cancellationToken)
    {
        var prepared = new PreparedRow[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => prepared[i] = Prepare(rows[i], normalizer));
        return [.. prepared];
    }

    private static PreparedRow Prepare(LegacyCsvRow row, RowNormalizer normalizer)
    {
        NormalizedRow? normalized = null;
        string? error = null;
        if (row.Error is null)
        {
            try
            {
                normalized = normalizer.Row(row.Row!);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex.Message;
            }
        }

        return new PreparedRow(row, RowHash.Of(row.Cells), normalized, error, SourceData(row));
    }
}
