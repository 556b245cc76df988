using System.Globalization;
using System.Text;

namespace Portal.Domain.Backfill.Matching;

/// <summary>Person names as words compared folded: lower case, without accents, dots or apostrophes; hyphens and spaces separate.</summary>
public static class NameWords
{
    public static IReadOnlyList<string> Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var folded = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '.' or '\'' or '\u2019')
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Too little of a name to tell people apart: one word (a first name or a surname alone), or an initial and a
    /// surname. Such a row never creates a person where someone plausible exists, and never matches fuzzily.
    /// </summary>
    public static bool IsThin(IReadOnlyList<string> words) => words.Count == 1 || (words.Count == 2 && words[0].Length == 1);

    /// <summary>Whether a thin name could be this person: the word is their given name or surname; an initial + surname fits theirs.</summary>
    public static bool Fits(IReadOnlyList<string> thin, IReadOnlyList<string> full)
    {
        if (full.Count == 0 || thin.Count == 0)
        {
            return false;
        }

        return thin.Count == 1
            ? thin[0] == full[0] || thin[0] == full[^1]
            : thin[^1] == full[^1] && full[0][0] == thin[0][0];
    }
}
