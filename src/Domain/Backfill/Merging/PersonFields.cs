namespace Portal.Domain.Backfill.Merging;

/// <summary>
/// The fields of a person an import, a review resolution or enrichment may write: named as in
/// <c>marketing.people_master</c> and in its <c>locked_fields</c>. The one list every writer and reverter uses.
/// </summary>
public static class PersonFields
{
    public const string FullName = "full_name";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Title = "title";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string LinkedInUrl = "linkedin_url";

    public static IReadOnlyList<string> All { get; } = [FullName, FirstName, LastName, Title, Email, Phone, LinkedInUrl];

    /// <summary>The column that marks a field as corrected by hand (never written by a machine), if the field has one.</summary>
    public static string? HandCorrectedFlag(string field) => field switch
    {
        Email => "manually_corrected_email",
        Title => "manually_corrected_title",
        _ => null,
    };

    public static bool IsField(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

/// <summary>A person's writable values (null = empty).</summary>
public sealed record PersonValues(
    string? FullName = null,
    string? FirstName = null,
    string? LastName = null,
    string? Title = null,
    string? Email = null,
    string? Phone = null,
    string? LinkedInUrl = null)
{
    public string? Get(string field) => field switch
    {
        PersonFields.FullName => FullName,
        PersonFields.FirstName => FirstName,
        PersonFields.LastName => LastName,
        PersonFields.Title => Title,
        PersonFields.Email => Email,
        PersonFields.Phone => Phone,
        PersonFields.LinkedInUrl => LinkedInUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a person field."),
    };

    public PersonValues With(string field, string? value) => field switch
    {
        PersonFields.FullName => this with { FullName = value },
        PersonFields.FirstName => this with { FirstName = value },
        PersonFields.LastName => this with { LastName = value },
        PersonFields.Title => this with { Title = value },
        PersonFields.Email => this with { Email = value },
        PersonFields.Phone => this with { Phone = value },
        PersonFields.LinkedInUrl => this with { LinkedInUrl = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a person field."),
    };
}
