namespace Portal.Domain.Backfill.Matching;

/// <summary>
/// LinkedIn profile URLs compared as identities: case-insensitive, without protocol, <c>www.</c>, query, fragment or
/// trailing slash, and with country hosts (<c>uk.linkedin.com</c>) folded into <c>linkedin.com</c>, so that
/// <c>https://www.LinkedIn.com/in/John-Smith/?trk=x</c> and <c>linkedin.com/in/john-smith</c> are the same profile.
/// </summary>
public static class LinkedInUrl
{
    private const string Host = "linkedin.com";

    /// <summary>The canonical form (lower case), or null for a blank URL.</summary>
    public static string? Normalize(string? url)
    {
        Split(url, out var host, out var path);
        if (host.IsEmpty && path.IsEmpty)
        {
            return null;
        }

        return string.Concat(host, path).ToLowerInvariant();
    }

    /// <summary>True when both URLs are non-blank and name the same profile; allocation-free.</summary>
    public static bool Same(string? a, string? b)
    {
        Split(a, out var hostA, out var pathA);
        Split(b, out var hostB, out var pathB);
        return !(hostA.IsEmpty && pathA.IsEmpty)
            && hostA.Equals(hostB, StringComparison.OrdinalIgnoreCase)
            && pathA.Equals(pathB, StringComparison.OrdinalIgnoreCase);
    }

    private static void Split(string? url, out ReadOnlySpan<char> host, out ReadOnlySpan<char> path)
    {
        var s = url.AsSpan().Trim();
        if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            s = s[8..];
        }
        else if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            s = s[7..];
        }

        var end = s.IndexOfAny('?', '#');
        if (end >= 0)
        {
            s = s[..end];
        }

        s = s.TrimEnd().TrimEnd('/');
        if (s.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..];
        }

        var slash = s.IndexOf('/');
        host = slash < 0 ? s : s[..slash];
        path = slash < 0 ? [] : s[slash..];
        if (host.EndsWith("." + Host, StringComparison.OrdinalIgnoreCase))
        {
            host = Host;
        }
    }
}
