using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Backfill.Records;

namespace Portal.Jobs.Backfill;

/// <summary>
/// Imports a legacy outreach CSV (seed 001) in sets: rows are read, hashed and normalized ahead on other threads,
/// matched batch by batch (companies through the per-import <see cref="CompanyIndex"/>, people through bulk lookup
/// queries per batch), and each batch is written with binary COPY (straight into the tables only appended to, into
/// temporary tables for a few set-based merges), committed together with the import's checkpoint. Writing a batch
/// runs on a second connection while the next batch is decided; that batch sees the one in flight through memory
/// (its row hashes and the people it creates or changes), and when the database rejects the batch in flight, the
/// batch decided on top of it is forgotten and decided again. A cancelled or crashed import resumes after its
/// checkpoint; every input row ends with exactly one backfill_log row. A dry run is one transaction rolled back,
/// decided and written in turn on one connection. Never calls a provider.
/// </summary>
public sealed partial class LegacyBackfillImporter(NpgsqlDataSource dataSource)
{
    public const string SourceSystem = "backfill";
    public const string MissingPartSource = "backfill_import";
    public const string LowConfidenceMatch = "low_confidence_match";

    private static readonly JsonSerializerOptions MatchJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="summary">The counts so far (the same object, updated in place).</param>
    public delegate Task Progress(long done, long? total, string message, BackfillImportSummary summary);

    public async Task<BackfillImportSummary> ImportAsync(long importId, Stream csv, BackfillImportOptions options, Progress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        progress ??= (_, _, _, _) => Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var normalizer = new RowNormalizer(options.Rules);
        options.Thresholds.Validate();
        options.Scoring.Validate();
        var summary = new BackfillImportSummary { ImportId = importId, DryRun = options.DryRun };

        long? total = null;
        if (csv.CanSeek)
        {
            var start = csv.Position;
            using (var counter = new LegacyCsvReader(csv, leaveOpen: true, options.ColumnMap, options.Limits))
            {
                total = counter.ReadRows(cancellationToken).LongCount();
            }

            csv.Position = start;
            summary.RowsLoaded = total.Value;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var dryRun = options.DryRun ? await connection.BeginTransactionAsync(cancellationToken) : null;
        var checkpoint = await BackfillImportStore.ReadCheckpointAsync(connection, dryRun, importId, total, cancellationToken);
        summary.ResumedAfterRow = checkpoint;
        await CreateTempTablesAsync(connection, dryRun, cancellationToken);
        var companies = await LoadCompaniesAsync(connection, dryRun, normalizer, options.Thresholds, cancellationToken);
        var context = new ImportContext(importId, options, companies, summary);

        using var reader = new LegacyCsvReader(csv, leaveOpen: true, options.ColumnMap, options.Limits);
        await progress(checkpoint, total, checkpoint > 0 ? $"Resuming after row {checkpoint:N0}" : "Importing", summary);
        var lastRow = checkpoint;
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (batches, reading) = PrepareBatches(reader, checkpoint, options.BatchSize, normalizer, stopReading.Token);

        // Batch N is written and committed on a second connection while batch N+1 is decided on this one (the next
        // batch's lookups see the batch in flight through memory: BatchState.Hashes and Touched). A dry run is one
        // transaction, so it decides and writes in turn on one connection.
        await using var writer = dryRun is null ? await dataSource.OpenConnectionAsync(cancellationToken) : null;
        if (writer is not null)
        {
            await CreateTempTablesAsync(writer, null, cancellationToken);
        }

        InFlightBatch? inFlight = null;
        async Task Committed(List<PreparedRow> batch)
        {
            lastRow = batch[^1].Source.RowNumber;
            summary.BatchesCommitted++;
            summary.RowsProcessed += batch.Count;
            foreach (var flag in batch.SelectMany(r => r.Source.Flags))
            {
                summary.Flags[flag.Kind] = summary.Flags.GetValueOrDefault(flag.Kind) + 1;
            }

            await progress(lastRow, total, $"Imported {lastRow:N0}{(total is null ? "" : $" of {total:N0}")} rows", summary);
        }

        // Waits for the batch in flight; when the database rejected it, it is redone row by row and the batch decided on
        // top of it (if any) is forgotten, so that the caller decides that one again.
        async Task<bool> Land(BatchState? decidedOnTop)
        {
            var landing = inFlight!;
            inFlight = null;
            context.InFlight = null;
            if (await landing.Write)
            {
                CountWritten(summary, landing.Batch);
                await Committed(landing.Rows);
                return true;
            }

            summary.RestoreCounters(landing.Before);
            if (decidedOnTop is not null)
            {
                Forget(context, decidedOnTop);
            }

            Forget(context, landing.Batch);
            await ImportRowByRowAsync(connection, null, context, landing.Rows, cancellationToken);
            await Committed(landing.Rows);
            return false;
        }

        try
        {
            await foreach (var batch in batches.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (writer is null)
                {
                    if (!await TryBatchAsync(connection, dryRun, context, batch, cancellationToken))
                    {
                        await ImportRowByRowAsync(connection, dryRun, context, batch, cancellationToken);
                    }

                    await Committed(batch);
                    continue;
                }

                var before = summary.Counters();
                var work = await DecideAsync(connection, null, context, batch, cancellationToken);
                var decided = context.Batch;
                if (inFlight is not null && !await Land(decided))
                {
                    // Decided on top of a batch the database rejected: decide and write it again, on its own.
                    if (!await TryBatchAsync(connection, null, context, batch, cancellationToken))
                    {
                        await ImportRowByRowAsync(connection, null, context, batch, cancellationToken);
                    }

                    await Committed(batch);
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                decided.Seal();
                context.InFlight = decided;
                var lastOfBatch = batch[^1].Source.RowNumber;
                inFlight = new InFlightBatch(batch, decided, before,
                    Task.Run(() => TryWriteAsync(writer, context, work, decided, lastOfBatch, cancellationToken), CancellationToken.None));
            }

            if (inFlight is not null)
            {
                await Land(null);
            }
        }
        finally
        {
            if (inFlight is not null)
            {
                // Cancelled or failed while a batch was being written: it commits or rolls back with its checkpoint.
                try
                {
                    await inFlight.Write;
                }
                catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
                {
                    // Nothing of it is kept then; the resumed import redoes it.
                }
            }

            await stopReading.CancelAsync();
            await reading;
        }

        summary.RowsLoaded = Math.Max(summary.RowsLoaded, lastRow);
        summary.Outcomes = await OutcomesAsync(connection, dryRun, importId, cancellationToken);
        summary.Completed = true;
        if (dryRun is not null)
        {
            await dryRun.RollbackAsync(cancellationToken);
        }

        summary.Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return summary;
    }

    /// <summary>A batch being written on the second connection, with the summary's counters from before it was decided.</summary>
    private sealed record InFlightBatch(List<PreparedRow> Rows, BatchState Batch, long[] Before, Task<bool> Write);

    /// <summary>
    /// Writes a decided batch with its checkpoint in its own transaction (on the writing connection, while the next batch
    /// is decided); false when the database rejected it (nothing kept). Changes nothing the deciding side uses but
    /// <see cref="ImportContext.LastRejection"/>, which is read only after this has finished.
    /// </summary>
    private static async Task<bool> TryWriteAsync(NpgsqlConnection connection, ImportContext context, List<BackfillRowWork> work, BatchState batch, int lastRow, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await WriteAsync(connection, transaction, context, work, batch, cancellationToken);
            await BackfillImportStore.SetCheckpointAsync(connection, transaction, context.ImportId, lastRow, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            context.LastRejection = ex.MessageText;
            return false;
        }
    }

    /// <summary>
    /// The database rejected something in the batch: redo it row by row, so that only the rows it rejects fail (as
    /// errors with the database's message) and the import goes on.
    /// </summary>
    private static async Task ImportRowByRowAsync(NpgsqlConnection connection, NpgsqlTransaction? dryRun, ImportContext context, List<PreparedRow> batch, CancellationToken cancellationToken)
    {
        foreach (var row in batch)
        {
            if (!await TryBatchAsync(connection, dryRun, context, [row], cancellationToken))
            {
                await WriteRejectedAsync(connection, dryRun, context, row, cancellationToken);
            }
        }
    }

    /// <summary>Forgets what a batch that is not kept taught the import: the companies it created.</summary>
    private static void Forget(ImportContext context, BatchState batch)
    {
        foreach (var company in batch.NewCompanies)
        {
            context.Companies.Remove(company.Id);
            context.CompanyNames.Remove(company.Id);
            foreach (var key in context.CompanyDecisions.Where(d => d.Value.MatchedId == company.Id).Select(d => d.Key).ToList())
            {
                context.CompanyDecisions.Remove(key);
            }
        }
    }

    /// <summary>Decides and writes rows in one transaction (a savepoint in a dry run) with the checkpoint; false when the database rejected them (nothing kept).</summary>
    private static async Task<bool> TryBatchAsync(NpgsqlConnection connection, NpgsqlTransaction? dryRun, ImportContext context, List<PreparedRow> rows, CancellationToken cancellationToken)
    {
        var before = context.Summary.Counters();
        await using var own = dryRun is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
        var transaction = dryRun ?? own!;
        if (dryRun is not null)
        {
            await dryRun.SaveAsync("bf_batch", cancellationToken);
        }

        try
        {
            var work = await DecideAsync(connection, transaction, context, rows, cancellationToken);
            await WriteAsync(connection, transaction, context, work, cancellationToken);
            await BackfillImportStore.SetCheckpointAsync(connection, transaction, context.ImportId, rows[^1].Source.RowNumber, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            else
            {
                await dryRun!.ReleaseAsync("bf_batch", cancellationToken);
            }

            return true;
        }
        catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (own is not null)
            {
                await own.RollbackAsync(CancellationToken.None);
            }
            else
            {
                await dryRun!.RollbackAsync("bf_batch", CancellationToken.None);
            }

            // Forget what the rolled-back rows taught the import: the companies they created, their counts.
            context.Summary.RestoreCounters(before);
            Forget(context, context.Batch);

            context.LastRejection = ex.MessageText;
            return false;
        }
    }

    /// <summary>Logs a row the database rejected as an error (with the database's message) and moves the checkpoint past it.</summary>
    private static async Task WriteRejectedAsync(NpgsqlConnection connection, NpgsqlTransaction? dryRun, ImportContext context, PreparedRow row, CancellationToken cancellationToken)
    {
        await using var own = dryRun is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
        var transaction = dryRun ?? own!;
        context.Batch = new BatchState();
        var item = new BackfillRowWork(row);
        Fail(item, "the database rejected the row: " + context.LastRejection);
        context.Summary.Errors++;
        await WriteAsync(connection, transaction, context, [item], cancellationToken);
        await BackfillImportStore.SetCheckpointAsync(connection, transaction, context.ImportId, row.Source.RowNumber, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    private sealed record ImportContext(long ImportId, BackfillImportOptions Options, CompanyIndex Companies, BackfillImportSummary Summary)
    {
        /// <summary>Whether an address is a personal mailbox, by the normalization rules (the merge policy asks).</summary>
        public Func<string, bool> IsPersonalEmail { get; } = new RowNormalizer(Options.Rules).IsPersonalEmail;

        /// <summary>A reviewer's decision for the level under review (when resolving a review item), or null while importing.</summary>
        public ReviewDecision? Review { get; init; }

        /// <summary>Decisions per distinct (normalized name, domain), reused by later rows of the import.</summary>
        public Dictionary<(string Name, string? Domain), MatchDecision> CompanyDecisions { get; } = [];

        /// <summary>Company decisions of the batch being decided, per row, before anything is applied.</summary>
        public Dictionary<BackfillRowWork, MatchDecision> Pending { get; } = [];

        /// <summary>Names of the companies known to the import, for the talent-flow snapshot.</summary>
        public Dictionary<string, string> CompanyNames { get; } = new(StringComparer.Ordinal);

        /// <summary>The database's message for the last batch it rejected.</summary>
        public string? LastRejection { get; set; }

        /// <summary>What the batch being decided will write.</summary>
        public BatchState Batch { get; set; } = new();

        /// <summary>The previous batch while it is written on the other connection (not committed yet), else null.</summary>
        public BatchState? InFlight { get; set; }

        public string WorkerId { get; } = Environment.MachineName;

        public string ProcessId { get; } = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Decides every row of a batch in memory, after one query for duplicates and two for person candidates.</summary>
    private static async Task<List<BackfillRowWork>> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ImportContext context, List<PreparedRow> batch, CancellationToken cancellationToken)
    {
        var summary = context.Summary;
        context.Batch = new BatchState();
        var work = batch.ConvertAll(row => new BackfillRowWork(row, context.Review?.LogId));

        // A row under review already has its outcome; a later import of the same row is that import's duplicate, not its.
        var seenBefore = context.Review is not null
            ? []
            : await SeenHashesAsync(connection, transaction, context.ImportId, batch[0].Source.RowNumber, work.Select(w => w.Hash).Distinct().ToArray(), cancellationToken);
        var inBatch = context.Batch.Hashes;
        var inFlight = context.InFlight;
        foreach (var item in work)
        {
            var firstTime = inBatch.Add(item.Hash);
            if (item.Source.Flags.Count > 0)
            {
                // Every field-level problem found while reading, on the row and column it belongs to.
                item.Actions["flags"] = JsonSerializer.SerializeToNode(item.Source.Flags, MatchJson);
            }

            if (item.Source.Error is not null)
            {
                Fail(item, item.Source.Error);
                continue;
            }

            summary.RowsValid++;
            var inPrevious = inFlight is not null && inFlight.Hashes.Contains(item.Hash);
            if (!firstTime || inPrevious || seenBefore.Contains(item.Hash))
            {
                item.Status = ResolutionStatus.Duplicate;
                item.Actions["duplicate_of"] = firstTime ? "earlier_import" : "earlier_row";
                continue;
            }

            try
            {
                item.Normalized = item.Prepared.Normalized ?? throw new FormatException(item.Prepared.NormalizationError);
                summary.Warnings += item.Normalized.Warnings.Count;
                if (item.Normalized.Warnings.Count > 0)
                {
                    item.Actions["warnings"] = new JsonArray([.. item.Normalized.Warnings.Select(w => (JsonNode?)w)]);
                }

                if (item.Normalized.FullName is null)
                {
                    Fail(item, "required value unusable after normalization: " + string.Join("; ", item.Normalized.Warnings));
                    continue;
                }

                if (context.Review is { Level: ReviewLevel.Person } review)
                {
                    // The company was decided before the person went to review.
                    item.CompanyId = review.CompanyId;
                }
                else
                {
                    context.Pending[item] = ChooseCompany(context, item);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(item, ex.Message);
            }
        }

        // Exact person evidence first (LinkedIn, email): it finds people in any company, so it can name the company of a
        // row whose company cells are missing, vague or undecided.
        var pending = work.Where(w => w.Status.Length == 0).ToList();
        var people = await LoadPeopleAsync(connection, transaction, pending, context.InFlight, cancellationToken);
        foreach (var item in pending)
        {
            if (context.Pending.Remove(item, out var company))
            {
                ApplyCompany(context, item, company, people);
            }
        }

        // Then the people of the companies the rows no exact rule decided, for the fuzzy name rule.
        pending = work.Where(w => w.Status.Length == 0).ToList();
        await LoadMembersAsync(connection, transaction, pending, context.InFlight, people, cancellationToken);
        foreach (var item in pending)
        {
            try
            {
                DecidePerson(context, item, people);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(item, ex.Message);
            }
        }

        foreach (var item in work)
        {
            Count(summary, item);
        }

        return work;
    }

    private static void Fail(BackfillRowWork item, string message)
    {
        item.Status = ResolutionStatus.Error;
        item.Error = message;
        item.Baselines = false;
    }

    private static void Count(BackfillImportSummary summary, BackfillRowWork item)
    {
        switch (item.Status)
        {
            case ResolutionStatus.Error:
                summary.Errors++;
                break;
            case ResolutionStatus.Duplicate:
                summary.Duplicates++;
                break;
            case ResolutionStatus.Unresolved:
                summary.Unresolved++;
                break;
            case ResolutionStatus.SkippedLocked:
                summary.LockedFieldSkips++;
                break;
        }
    }

    /// <summary>The matcher's company decision for a row (cached per distinct name and domain); nothing is applied yet.</summary>
    private static MatchDecision ChooseCompany(ImportContext context, BackfillRowWork item)
    {
        var row = item.Normalized!;
        var key = (row.CompanyName ?? "", row.CompanyDomain);
        if (context.Review is { Level: ReviewLevel.Company } review)
        {
            context.CompanyDecisions[key] = review.Decision;
        }

        if (!context.CompanyDecisions.TryGetValue(key, out var decision))
        {
            var candidates = context.Companies.Candidates(row.CompanyName ?? "", row.CompanyDomain);
            decision = CompanyMatcher.Match(new CompanyRow(row.CompanyName ?? "", row.CompanyDomain), candidates, context.Options.Thresholds);
            context.CompanyDecisions[key] = decision;
        }

        return decision;
    }

    /// <summary>
    /// Applies a row's company: the matched one; else the company of the person an exact rule finds; else review, or a
    /// new company. A row without a company name is an error only when nothing identifies its company.
    /// </summary>
    private static void ApplyCompany(ImportContext context, BackfillRowWork item, MatchDecision decision, PersonLookup people)
    {
        var row = item.Normalized!;
        // A reviewer's company decision stands; otherwise an exact person match may name the company.
        var byPerson = decision.IsMatch || context.Review is not null ? null : ExactPerson(row, people)?.CompanyId;
        var choice = CompanyEvidence.Choose(decision, byPerson, row.CompanyName is not null, row.CompanyDomain, LegacyColumns.CompanyName);
        decision = choice.Decision;
        item.MatchType = Kind(decision.Kind);
        item.Confidence = decision.Confidence;
        item.Actions["company"] = Describe(decision);
        switch (choice.Outcome)
        {
            case CompanyOutcome.Matched:
                item.CompanyId = decision.MatchedId;
                context.Summary.CompaniesMatched++;
                break;
            case CompanyOutcome.Unidentified:
                Fail(item, choice.Error!);
                break;
            case CompanyOutcome.Review:
                Unresolve(item, decision, null);
                break;
            default:
                var name = row.CompanyName!;
                var id = NewCompanyId(name, row.CompanyDomain);
                var created = new CompanyCandidate(id, name, row.CompanyDomain);
                // Matched by its normalized name, stored as written (accents, legal form and all).
                var written = string.Join(' ', item.Source.Row!.CompanyName!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                context.Companies.Add(created);
                context.CompanyNames[id] = written;
                context.CompanyDecisions[(name, row.CompanyDomain)] = new MatchDecision(MatchKind.Perfect, id, 1.0, [new MatchCandidate(id, 1.0, "created_by_this_import")]);
                item.CompanyId = id;
                item.Actions["company_created"] = id;
                context.Summary.CompaniesCreated++;
                context.Batch.NewCompanies.Add(new NewCompany(id, written, row.CompanyDomain, null));
                break;
        }
    }

    /// <summary>The one known person a row's LinkedIn URL or email names, if any.</summary>
    private static KnownPerson? ExactPerson(NormalizedRow row, PersonLookup people)
    {
        var person = Person(row);
        var decision = PersonMatcher.Match(person, null, people.Candidates(person, "").ConvertAll(p => p.ToCandidate()));
        return MergeContext.EvidenceOf(decision) == MatchEvidence.Exact ? people.Find(decision.MatchedId!) : null;
    }

    private static PersonRow Person(NormalizedRow row) => new(row.FullName!, row.FirstName, row.LastName, row.Email, row.LinkedInUrl, row.Title);

    private static void Unresolve(BackfillRowWork item, MatchDecision? company, MatchDecision? person)
    {
        item.Status = ResolutionStatus.Unresolved;
        item.MatchType = Kind(MatchKind.Review);
        var attempts = new JsonObject();
        if (company is not null)
        {
            attempts["company"] = JsonSerializer.SerializeToNode(company, MatchJson);
        }

        if (person is not null)
        {
            attempts["person"] = JsonSerializer.SerializeToNode(person, MatchJson);
            attempts["company_id"] = item.CompanyId;
        }

        item.MatchAttempts = attempts.ToJsonString();
        item.Actions["review"] = person is null ? "company" : "person";
    }

    private static void DecidePerson(ImportContext context, BackfillRowWork item, PersonLookup people)
    {
        var row = item.Normalized!;
        var personRow = Person(row);
        var candidates = people.Candidates(personRow, item.CompanyId!);
        var decision = context.Review is { Level: ReviewLevel.Person } review
            ? review.Decision
            : PersonMatcher.Match(personRow, item.CompanyId, candidates.Select(p => p.ToCandidate()).ToList(), context.Options.Thresholds);
        item.Actions["person"] = Describe(decision);
        if (decision.Kind == MatchKind.Review)
        {
            item.Confidence = decision.Confidence;
            Unresolve(item, null, decision);
            return;
        }

        if (decision.IsMatch)
        {
            var person = people.Find(decision.MatchedId!)
                ?? throw new InvalidOperationException($"Person {decision.MatchedId} is no longer a candidate (deleted, or moved to another company).");
            item.PersonId = person.Id;
            item.MatchType = Kind(decision.Kind);
            item.Confidence = decision.Confidence;
            context.Summary.PeopleMatched++;
            UpdatePerson(context, item, person, row, MergeContext.EvidenceOf(decision));
            return;
        }

        var id = $"BF-{context.ImportId}-{item.Source.RowNumber}";
        var created = new KnownPerson
        {
            Id = id,
            CompanyId = item.CompanyId!,
            Values = Incoming(row),
            New = true,
        };
        people.Add(created);
        context.Batch.NewPeople.Add(created);
        context.Batch.Touched[id] = created;
        item.PersonId = id;
        item.Status = ResolutionStatus.Initialized;
        item.Baselines = true;
        item.Actions["person_created"] = id;
        context.Summary.PeopleCreated++;
        PrepareBaselines(context, item, created);
    }

    /// <summary>Merges a row into the person it matched by the merge policy: what it changes, what it offers and is refused, what is locked.</summary>
    private static void UpdatePerson(ImportContext context, BackfillRowWork item, KnownPerson person, NormalizedRow row, MatchEvidence evidence)
    {
        // The company's stored domain only: a row's domain may come from the very email it offers.
        var domain = context.Companies.DomainOf(person.CompanyId);
        var merge = MergePolicy.Merge(person.Values, Incoming(row), person.IsLocked, new MergeContext(evidence, domain, context.IsPersonalEmail, context.Options.Merge));
        foreach (var change in merge.Changes)
        {
            context.Batch.Update(person).Set(change);
            item.Changes.Add(change);
        }

        person.Values = merge.Result;
        context.Batch.Touched[person.Id] = person;
        context.Summary.LockedFieldsKept += merge.Locked.Count;
        context.Summary.ConflictsKept += merge.Conflicts.Count;
        if (merge.Changes.Count > 0)
        {
            item.Actions["updated_fields"] = new JsonArray([.. merge.Changes.Select(c => (JsonNode?)c.Field)]);
            item.Actions["changes"] = JsonSerializer.SerializeToNode(LoggedChange.Of(merge.Changes, DateTimeOffset.UtcNow), MatchJson);
            context.Summary.PeopleUpdated++;
        }

        if (merge.Conflicts.Count > 0)
        {
            item.Actions["conflicts"] = JsonSerializer.SerializeToNode(merge.Conflicts, MatchJson);
        }

        if (merge.Locked.Count > 0)
        {
            item.Actions["skipped_locked_fields"] = new JsonArray([.. merge.Locked.Select(f => (JsonNode?)f)]);
        }

        if (merge.Changes.Count == 0 && merge.Locked.Count > 0)
        {
            item.Status = ResolutionStatus.SkippedLocked;
            return;
        }

        if (merge.Changes.Count == 0)
        {
            item.Actions["no_changes"] = true;
        }

        item.Status = ResolutionStatus.Initialized;
        item.Baselines = true;
        PrepareBaselines(context, item, person);
    }

    private static void PrepareBaselines(ImportContext context, BackfillRowWork item, KnownPerson person)
    {
        var row = item.Normalized!;
        var bit = BitBaseline.Compute(row.HistoricalOpenCount ?? 0, row.HistoricalReplyCount ?? 0, row.HistoricalMeetingCount ?? 0, context.Options.Scoring);
        var companyName = context.CompanyNames.TryGetValue(person.CompanyId, out var name) ? name : row.CompanyName;
        context.Batch.Baselines.Add(new BaselineWork(item, person.Id, person.CompanyId, bit,
            TalentFlowBaseline.Hash(person.Values.FullName, person.Values.Title, companyName, person.Values.LinkedInUrl),
            TalentFlowBaseline.Snapshot(person.Values.FullName, person.Values.Title, companyName, person.Values.LinkedInUrl)));
        item.Actions["bit_baseline"] = new JsonObject { ["score"] = bit.Score, ["tier"] = bit.Tier, ["signals"] = bit.Signals.Count };
        item.Actions["talent_flow_baseline"] = true;
    }

    private static PersonValues Incoming(NormalizedRow row) =>
        new(row.FullName, row.FirstName, row.LastName, row.Title, row.Email, row.Phone, row.LinkedInUrl);

    private static JsonObject Describe(MatchDecision decision) => new()
    {
        ["match_type"] = Kind(decision.Kind),
        ["id"] = decision.MatchedId,
        ["confidence"] = Math.Round(decision.Confidence, 3),
        ["candidates"] = decision.Candidates.Count,
    };

    private static string Kind(MatchKind kind) => kind switch
    {
        MatchKind.Perfect => "perfect",
        MatchKind.Fuzzy => "fuzzy",
        MatchKind.Review => "review",
        _ => "no_match",
    };

    /// <summary>A stable id for a company the import creates: the same normalized name and domain always give the same id.</summary>
    private static string NewCompanyId(string name, string? domain)
    {
        var key = CompanyMatcher.DomainKey(domain) ?? "name:" + name.ToLowerInvariant();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "BFC-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
