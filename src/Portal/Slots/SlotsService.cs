using System.Security.Claims;
using Npgsql;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Persistence;
using Portal.Jobs.Slots;

namespace Portal.Slots;

/// <summary>The Slots pages' and API's reads, and the operator's corrections to people (audited).</summary>
public sealed class SlotsService(CompanyDirectory directory, NpgsqlDataSource dataSource, AuditWriter audit)
{
    /// <summary>People columns an operator may lock against automated overwrites.</summary>
    public static readonly IReadOnlyList<string> LockableFields = ["title", "email", "phone", "linkedin_url", "first_name", "last_name", "full_name"];

    public Task<SlotSummary> SummaryAsync(CancellationToken cancellationToken = default) => directory.SummaryAsync(cancellationToken);

    public Task<Page<CompanyRow>> SearchAsync(CompanyQuery query, CancellationToken cancellationToken = default) => directory.SearchAsync(query, cancellationToken);

    public Task<CompanyDetail?> GetAsync(string companyId, CancellationToken cancellationToken = default) => directory.GetAsync(companyId, cancellationToken);

    /// <summary>Sets a person's title by hand: marked corrected and locked, so imports keep it and evaluation prefers it.</summary>
    public async Task<bool> CorrectTitleAsync(ClaimsPrincipal actor, string personId, string title, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length > 300)
        {
            throw new ArgumentException("A title of 1 to 300 characters is required.", nameof(title));
        }

        const string sql = """
            UPDATE marketing.people_master p
               SET title = @title, manually_corrected_title = TRUE, updated_at = now(),
                   locked_fields = CASE WHEN 'title' = ANY (p.locked_fields) THEN p.locked_fields ELSE array_append(p.locked_fields, 'title') END
              FROM marketing.people_master old
             WHERE p.unique_id = @id AND old.unique_id = p.unique_id
            RETURNING old.title
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", personId);
        command.Parameters.AddWithValue("title", title.Trim());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        var before = reader.IsDBNull(0) ? null : reader.GetString(0);
        await audit.WriteAsync(actor, AuditActions.PersonTitleCorrected, AuditTargets.Person, personId, new { from = before, to = title.Trim() }, cancellationToken: cancellationToken);
        return true;
    }

    public async Task<bool> SetFieldLockAsync(ClaimsPrincipal actor, string personId, string field, bool locked, CancellationToken cancellationToken = default)
    {
        if (!LockableFields.Contains(field))
        {
            throw new ArgumentException($"'{field}' cannot be locked. Lockable: {string.Join(", ", LockableFields)}.", nameof(field));
        }

        // Locking changes no data, so updated_at stays: nothing needs re-evaluating.
        var sql = locked
            ? "UPDATE marketing.people_master SET locked_fields = array_append(locked_fields, @field) WHERE unique_id = @id AND NOT (@field = ANY (locked_fields))"
            : "UPDATE marketing.people_master SET locked_fields = array_remove(locked_fields, @field) WHERE unique_id = @id AND @field = ANY (locked_fields)";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", personId);
        command.Parameters.AddWithValue("field", field);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await audit.WriteAsync(actor, locked ? AuditActions.PersonFieldLocked : AuditActions.PersonFieldUnlocked, AuditTargets.Person, personId, new { field }, cancellationToken: cancellationToken);
        return true;
    }
}
