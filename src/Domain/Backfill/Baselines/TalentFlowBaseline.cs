using System.Buffers;
using System.Text;
using System.Text.Json;
using Portal.Domain.Backfill.Matching;

namespace Portal.Domain.Backfill.Baselines;

/// <summary>
/// Seed 001's Talent Flow baseline: a fingerprint of a person's current state (name, title, company, LinkedIn) that
/// the monthly sweeps compare against to detect movement, and the snapshot stored next to it.
/// </summary>
/// <remarks>
/// <c>enrichment_hash</c> = lower-case hex MD5 (UTF-8) of the four canonical fields in that order, joined with
/// U+001F (unit separator). A canonical field is trimmed, has every run of whitespace or control characters
/// collapsed to one space (so the separator can never occur inside a field), and is in invariant lower case;
/// blank and null are the same (unknown); the LinkedIn URL is canonicalized by <see cref="LinkedInUrl"/>.
/// So the hash changes with any change of content, but not with casing or spacing: a change in how names are
/// title-cased must not look like everybody moved.
/// </remarks>
public static class TalentFlowBaseline
{
    public const char Separator = '\u001F';

    public static string Hash(string? fullName, string? title, string? company, string? linkedinUrl)
    {
        var linkedin = LinkedInUrl.Normalize(linkedinUrl);
        var capacity = (fullName?.Length ?? 0) + (title?.Length ?? 0) + (company?.Length ?? 0) + (linkedin?.Length ?? 0) + 3;
        char[]? rented = null;
        Span<char> buffer = capacity <= 1024 ? stackalloc char[capacity] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = Append(buffer, 0, fullName);
            buffer[length++] = Separator;
            length = Append(buffer, length, title);
            buffer[length++] = Separator;
            length = Append(buffer, length, company);
            buffer[length++] = Separator;
            length = Append(buffer, length, linkedin);
            return Md5Hex.Of(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The <c>snapshot_data</c> JSON object: the fields as given (trimmed, null when blank).</summary>
    public static string Snapshot(string? fullName, string? title, string? company, string? linkedinUrl)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            Write(json, "full_name", fullName);
            Write(json, "title", title);
            Write(json, "company", company);
            Write(json, "linkedin_url", linkedinUrl);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter json, string name, string? value)
    {
        var trimmed = value.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, trimmed);
        }
    }

    // Appends the canonical field; returns the new length.
    private static int Append(Span<char> buffer, int length, string? value)
    {
        var start = length;
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && length > start)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return length;
    }
}
