using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Domain.Backfill.Merging;

namespace Portal.Jobs.Backfill;

/// <summary>What taking a refused value did: the person, the field, the value before and after.</summary>
public sealed record ConflictTaken(string PersonId, string Field, string? From, string To);

/// <summary>The value cannot be taken (no such conflict, taken already, the field changed or was locked since); nothing was changed.</summary>
public sealed class ConflictRefusedException(string message) : InvalidOperationException(message);

public sealed partial class LegacyBackfillImporter
{
    /// <summary>
    /// A reviewer takes a value the merge policy refused for a row: the person's field gets the offered value, provided
    /// it still holds the value that was kept and is not locked. A person chose it, so it becomes a hand correction
    /// (<c>manual_overrides</c>, or <c>manually_corrected_*</c> for email and title) that no import or enrichment
    /// overwrites. The row's log entry records the change (so a revert of the import restores it) and the conflict as taken.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such row, or the row has no conflict on that field.</exception>
    /// <exception cref="ConflictRefusedException">Taken already, or the field changed or was locked since.</exception>
    public async Task<ConflictTaken> TakeConflictAsync(long importId, int rowNumber, string field, string actor, CancellationToken cancellationToken)
    {
        if (!PersonFields.IsField(field))
        {
            throw new KeyNotFoundException($"'{field}' is not a person field.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid logId;
        string personId;
        JsonObject actions;
        await using (var read = new NpgsqlCommand("""
            SELECT l.id, l.matched_person_id, l.actions_taken::text FROM public.backfill_log l
              JOIN ops.backfill_import i ON i.id = l.import_id AND i.reverted_at IS NULL
             WHERE l.import_id = @import AND l.row_number = @row AND l.matched_person_id IS NOT NULL
               FOR UPDATE OF l
               FOR SHARE OF i
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("import", importId);
            read.Parameters.AddWithValue("row", rowNumber);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new KeyNotFoundException($"Row {rowNumber} of import {importId} has no matched person (or the import was reverted).");
            }

            (logId, personId, actions) = (reader.GetGuid(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject());
        }

        var conflict = actions["conflicts"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["field"] == field)
            ?? throw new KeyNotFoundException($"Row {rowNumber} of import {importId} has no refused value for {field}.");
        if (conflict["taken_by"] is not null)
        {
            throw new ConflictRefusedException($"The value for {field} was taken already, by {(string?)conflict["taken_by"]}.");
        }

        var kept = (string?)conflict["kept"];
        var offered = (string)conflict["offered"]!;
        var flag = PersonFields.HandCorrectedFlag(field);
        await using (var write = new NpgsqlCommand($"""
            UPDATE marketing.people_master p
               SET {field} = @offered, updated_at = now(),
                   {(flag is null
                       ? $"manual_overrides = CASE WHEN jsonb_typeof(p.manual_overrides) = 'object' THEN p.manual_overrides ELSE '{{}}'::jsonb END || jsonb_build_object('{field}', jsonb_build_object('by', @actor::text, 'at', now()))"
                       : $"{flag} = true")}
             WHERE p.unique_id = @person AND p.{field} IS NOT DISTINCT FROM @kept AND {PersonFieldSql.Writable(field)}
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("offered", offered);
            write.Parameters.AddWithValue("actor", actor);
            write.Parameters.AddWithValue("person", personId);
            write.Parameters.AddWithValue("kept", (object?)kept ?? DBNull.Value);
            if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new ConflictRefusedException($"{personId}'s {field} changed or was locked since the import kept \"{kept}\": nothing was taken.");
            }
        }

        conflict["taken_by"] = actor;
        var changes = actions["changes"]?.AsArray() ?? [];
        changes.Add(JsonSerializer.SerializeToNode(new LoggedChange(field, kept, offered, DateTimeOffset.UtcNow), MatchJson));
        actions["changes"] = changes.DeepClone();
        await using (var log = new NpgsqlCommand("UPDATE public.backfill_log SET actions_taken = @actions::jsonb WHERE id = @id", connection, transaction))
        {
            log.Parameters.AddWithValue("id", logId);
            log.Parameters.AddWithValue("actions", actions.ToJsonString());
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ConflictTaken(personId, field, kept, offered);
    }
}
