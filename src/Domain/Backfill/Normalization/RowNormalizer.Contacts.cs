using System.Globalization;

namespace Portal.Domain.Backfill.Normalization;

public sealed partial class RowNormalizer
{
    private const int MaxDomainLength = 253;
    private const int MaxLocalPartLength = 64;
    private const int MaxEmailsPerCell = 16;
    private const int MaxNamedInvalidEmails = 3;

    /// <summary>
    /// The company domain: from <paramref name="domain"/>, else <paramref name="website"/>, else the domain of the
    /// work address in <paramref name="email"/> (never a personal mailbox's). Lower case, without protocol,
    /// <c>www.</c>, user, port, path, query or fragment: "https://www.Acme.com/about" → "acme.com"; international
    /// names in their ASCII (punycode) form. A candidate that is not shaped like a domain, or is a personal email
    /// domain, is skipped with a warning. Nothing usable is null (with a warning only if something was rejected).
    /// </summary>
    public NormalizedValue<string> Domain(string? domain, string? website, string? email) =>
        DomainCore(domain, website, string.IsNullOrWhiteSpace(email) ? null : Email(email));

    /// <summary>
    /// The email cell: lower case, split at the configured separators and whitespace ("Name &lt;a@b.com&gt;" and
    /// "mailto:" are understood), each address validated, duplicates removed. The first work address is preferred
    /// over personal ones: "John.Smith@acme.com; jsmith@gmail.com" → "john.smith@acme.com", with
    /// "jsmith@gmail.com" as an alternate. Only personal addresses: the first, flagged personal. Invalid addresses
    /// are named in the warning; no valid address at all is null with a warning. Blank is null without one.
    /// </summary>
    public NormalizedEmail Email(string? value)
    {
        var text = Cell(value, out var warning);
        if (text.IsEmpty)
        {
            return new(null, [], false, warning);
        }

        Span<Range> found = stackalloc Range[MaxEmailsPerCell];
        var count = 0;
        var invalid = 0;
        var output = new CharBuilder(stackalloc char[StackBufferLength]);
        try
        {
            var rest = text;
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOfAny(_emailSeparators);
                var token = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 1)..];

                const string Wrappers = "<>\"'()[]{}";
                token = token.Trim(Wrappers);
                if (token.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                {
                    token = token[7..];
                }

                token = token.TrimEnd('.').Trim(Wrappers);
                if (!token.Contains('@'))
                {
                    // Display names and stray words around addresses.
                    continue;
                }

                var start = output.Length;
                if (!TryAppendEmail(ref output, token))
                {
                    output.Truncate(start);
                    if (++invalid <= MaxNamedInvalidEmails)
                    {
                        warning = Join(warning, $"{Quote(token)} is not a valid email address");
                    }

                    continue;
                }

                var address = new Range(start, output.Length);
                if (IsDuplicate(output.Written, found[..count], address))
                {
                    output.Truncate(start);
                }
                else if (count < found.Length)
                {
                    found[count++] = address;
                }
                else
                {
                    output.Truncate(start);
                    warning = Join(warning, $"more than {MaxEmailsPerCell} addresses; the rest were ignored");
                    break;
                }
            }

            if (invalid > MaxNamedInvalidEmails)
            {
                warning = Join(warning, $"and {invalid - MaxNamedInvalidEmails:N0} more invalid addresses");
            }

            if (count == 0)
            {
                return new(null, [], false, warning ?? $"{Quote(text)} has no valid email address");
            }

            var written = output.Written;
            var preferred = 0;
            while (preferred < count && IsPersonalAddress(written[found[preferred]]))
            {
                preferred++;
            }

            var isPersonal = preferred == count;
            preferred = isPersonal ? 0 : preferred;
            var alternates = count == 1 ? [] : new string[count - 1];
            for (int i = 0, j = 0; i < count; i++)
            {
                if (i != preferred)
                {
                    alternates[j++] = written[found[i]].ToString();
                }
            }

            return new(written[found[preferred]].ToString(), alternates, isPersonal, warning);
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// A phone number in E.164: digits only ("(555) 123-4567" → "+15551234567"). A national number of
    /// <see cref="NormalizationRules.PhoneNationalNumberLength"/> digits gets the default country code; one that
    /// already starts with it ("1 555 123 4567"), or is written with "+" or "00", is taken as international, and a
    /// trunk "(0)" after its country code is dropped ("+44 (0)20 7946 0000" → "+442079460000"). The result must have
    /// <see cref="NormalizationRules.PhoneMinDigits"/> to <see cref="NormalizationRules.PhoneMaxDigits"/> digits,
    /// else null with a warning. An extension ("x12", "ext. 12", "#12") is returned apart, digits only. Blank is null.
    /// </summary>
    public NormalizedPhone Phone(string? value)
    {
        var text = Cell(value, out var warning);
        if (text.IsEmpty)
        {
            return new(null, null, warning);
        }

        Span<char> digits = stackalloc char[MaxPhoneDigits + 1];
        var count = 0;
        var international = text[0] == '+';
        string? extension = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return new(null, null, $"{Quote(text)} has too many digits for a phone number");
                }

                digits[count++] = c;
            }
            else if (count > 0 && (international || digits[..count].StartsWith("00")) && text[i..].StartsWith("(0)"))
            {
                i += 2;
            }
            else if (count > 0 && ExtensionMarkerLength(text, i) is > 0 and var marker)
            {
                extension = ExtensionDigits(text[(i + marker)..]);
                break;
            }
        }

        var number = digits[..count];
        if (!international && number.StartsWith("00"))
        {
            international = true;
            number = number[2..];
        }

        var national = _rules.PhoneNationalNumberLength;
        if (!international && number.Length == national)
        {
            return new(_rules.PhoneDefaultCountryCode + number.ToString(), extension, null);
        }

        if (number.Length < _rules.PhoneMinDigits || number.Length > _rules.PhoneMaxDigits)
        {
            return new(null, null, $"{Quote(text)} has {number.Length} digits; a phone number has {_rules.PhoneMinDigits} to {_rules.PhoneMaxDigits}");
        }

        return new("+" + number.ToString(), extension, null);
    }

    /// <summary>
    /// A LinkedIn URL in one spelling so it can be matched exactly: "https://www.linkedin.com" and the path in
    /// lower case, without query, fragment or trailing slash ("linkedin.com/in/John-Smith/?trk=x" →
    /// "https://www.linkedin.com/in/john-smith"). Not a LinkedIn address is null with a warning. Blank is null.
    /// </summary>
    public NormalizedValue<string> LinkedInUrl(string? value)
    {
        var text = Cell(value, out var warning);
        if (text.IsEmpty)
        {
            return new(null, warning);
        }

        var rest = StripScheme(text);
        var pathStart = rest.IndexOfAny('/', '?', '#');
        var host = HostOf(pathStart < 0 ? rest : rest[..pathStart]);
        var path = pathStart < 0 || rest[pathStart] != '/' ? default : rest[pathStart..];
        var queryStart = path.IndexOfAny('?', '#');
        path = (queryStart < 0 ? path : path[..queryStart]).TrimEnd('/');

        var isLinkedIn = host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase);
        if (!isLinkedIn || path.IsEmpty || path.ContainsAny(" \t\r\n"))
        {
            return new(null, $"{Quote(text)} is not a LinkedIn profile address");
        }

        var result = new CharBuilder(stackalloc char[StackBufferLength]);
        try
        {
            result.Append("https://www.linkedin.com");
            path.ToLowerInvariant(result.AppendSpan(path.Length));
            return new(result.ToString(), null);
        }
        finally
        {
            result.Dispose();
        }
    }

    private NormalizedValue<string> DomainCore(string? domain, string? website, NormalizedEmail? email)
    {
        string? warning = null;
        if (TryCandidate(domain, "company domain", ref warning, out var host) || TryCandidate(website, "website", ref warning, out host))
        {
            return new(host, warning);
        }

        if (email is { Value: { } address, IsPersonal: false })
        {
            return new(address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..], warning);
        }

        return new(null, warning);

        bool TryCandidate(string? value, string what, ref string? warning, out string? host)
        {
            host = null;
            var text = Cell(value, out var cellWarning);
            if (cellWarning is not null)
            {
                warning = Join(warning, $"{what}: {cellWarning}");
                return false;
            }

            if (text.IsEmpty)
            {
                return false;
            }

            var problem = TryNormalizeHost(text, out host);
            if (problem is null)
            {
                return true;
            }

            warning = Join(warning, $"{what} {Quote(text)} {problem}");
            return false;
        }
    }

    /// <summary>The bare host of a domain or URL, lower case and validated; returns what is wrong, or null.</summary>
    private string? TryNormalizeHost(ReadOnlySpan<char> text, out string? host)
    {
        host = null;
        var rest = StripScheme(text);
        var end = rest.IndexOfAny("/?#\\");
        var name = HostOf(end < 0 ? rest : rest[..end]);
        if (name.IsEmpty)
        {
            return "has no domain";
        }

        if (name.Length > MaxDomainLength)
        {
            return "is too long for a domain";
        }

        Span<char> buffer = stackalloc char[MaxDomainLength];
        var lower = buffer[..name.Length];
        name.ToLowerInvariant(lower);
        foreach (var prefix in _domainPrefixes)
        {
            if (lower.Length > prefix.Length && lower.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                lower = lower[prefix.Length..];
                break;
            }
        }

        var ascii = ToAscii(lower);
        if (ascii is null || !IsValidDomain(ascii))
        {
            return "is not a valid domain";
        }

        if (IsPersonalDomain(ascii))
        {
            return "is a personal email domain, not a company's";
        }

        host = ascii;
        return null;
    }

    /// <summary>Appends the lower-case address if it is valid (one "@", a plausible local part, a valid domain).</summary>
    private static bool TryAppendEmail(ref CharBuilder output, ReadOnlySpan<char> token)
    {
        var at = token.IndexOf('@');
        if (at <= 0 || at != token.LastIndexOf('@') || at > MaxLocalPartLength || token.Length - at - 1 > MaxDomainLength)
        {
            return false;
        }

        var local = token[..at];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+/=?^_`{}~.-".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        Span<char> buffer = stackalloc char[MaxDomainLength];
        var domain = buffer[..(token.Length - at - 1)];
        token[(at + 1)..].ToLowerInvariant(domain);
        var ascii = ToAscii(domain);
        if (ascii is null || !IsValidDomain(ascii))
        {
            return false;
        }

        local.ToLowerInvariant(output.AppendSpan(local.Length));
        output.Append('@');
        output.Append(ascii);
        return true;
    }

    private static bool IsDuplicate(ReadOnlySpan<char> written, ReadOnlySpan<Range> found, Range candidate)
    {
        var address = written[candidate];
        foreach (var range in found)
        {
            if (written[range].SequenceEqual(address))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsPersonalAddress(ReadOnlySpan<char> address) => IsPersonalDomain(address[(address.IndexOf('@') + 1)..]);

    /// <summary>
    /// Listed, or matching a "name.*" entry whose rest is a country ending: one label ("gmx.de") or a short
    /// second-level label and one more ("yahoo.co.uk"), so "live.*" does not catch "live.nation-events.com".
    /// </summary>
    private bool IsPersonalDomain(ReadOnlySpan<char> domain)
    {
        if (_personalDomains.Contains(domain))
        {
            return true;
        }

        foreach (var prefix in _personalDomainWildcards)
        {
            if (domain.Length > prefix.Length && domain.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var ending = domain[prefix.Length..];
                var dot = ending.IndexOf('.');
                if (dot < 0 || (dot <= 3 && ending[(dot + 1)..].IndexOf('.') < 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The length of the extension marker at <paramref name="index"/> ("ext", "x" not inside a word such as "fax"), or 0.</summary>
    private int ExtensionMarkerLength(ReadOnlySpan<char> text, int index)
    {
        if (index > 0 && char.IsLetter(text[index - 1]))
        {
            return 0;
        }

        foreach (var marker in _extensionMarkers)
        {
            if (text[index..].StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                var after = index + marker.Length;
                if (after >= text.Length || !char.IsLetter(text[after]) || !char.IsLetter(marker[^1]))
                {
                    return marker.Length;
                }
            }
        }

        return 0;
    }

    /// <summary>The first run of digits after an extension marker ("ext. 123" → "123"); null when there is none.</summary>
    private static string? ExtensionDigits(ReadOnlySpan<char> text)
    {
        var start = text.IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return null;
        }

        var rest = text[start..];
        var end = rest.IndexOfAnyExceptInRange('0', '9');
        return (end < 0 ? rest : rest[..end]).ToString();
    }

    private static ReadOnlySpan<char> StripScheme(ReadOnlySpan<char> text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            return text[(scheme + 3)..];
        }

        return text.StartsWith("//", StringComparison.Ordinal) ? text[2..] : text;
    }

    /// <summary>The host of an authority: without "user@", ":port" and a trailing dot.</summary>
    private static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var colon = authority.IndexOf(':');
        if (colon >= 0)
        {
            authority = authority[..colon];
        }

        return authority.TrimEnd('.');
    }

    /// <summary>The ASCII form of a lower-case domain (punycode for international names); null when it has none.</summary>
    private static string? ToAscii(ReadOnlySpan<char> domain)
    {
        if (IsAscii(domain))
        {
            return domain.ToString();
        }

        try
        {
            // IdnMapping instances are not documented as thread-safe; non-ASCII domains are rare enough to make one each time.
            return new IdnMapping().GetAscii(domain.ToString());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsAscii(ReadOnlySpan<char> text) => System.Text.Ascii.IsValid(text);

    /// <summary>Dot-separated labels of letters, digits and inner hyphens (1–63 each), at least two, the last not all digits.</summary>
    private static bool IsValidDomain(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty || domain.Length > MaxDomainLength)
        {
            return false;
        }

        var labels = 0;
        var lastLabelHasLetter = false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            lastLabelHasLetter = false;
            foreach (var c in label)
            {
                if (char.IsAsciiLetter(c))
                {
                    lastLabelHasLetter = true;
                }
                else if (!char.IsAsciiDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
        }

        return labels >= 2 && lastLabelHasLetter;
    }
}
