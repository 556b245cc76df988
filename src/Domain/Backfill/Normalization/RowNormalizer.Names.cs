using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.Backfill.Normalization;

public sealed partial class RowNormalizer
{
    private const int MaxNameWords = 32;

    private enum Casing
    {
        Company,
        Title,
        Person,
    }

    /// <summary>
    /// A company name in one comparable form, so that spellings of the same name come out equal: "The Acme Company
    /// &amp; Sons, Inc." and "Acme Company and Sons" both give "Acme Company and Sons". A leading "The" and a trailing
    /// "(The)" or ", The" are dropped; "&amp;" between words is "and" ("AT&amp;T" stays); accents are folded
    /// ("Société Müller" → "Societe Muller"); apostrophes are dropped ("McDonald's" → "McDonalds"); dotted initials
    /// are joined ("J.P." → "JP") and other punctuation separates words. Legal-form suffixes are removed from the end,
    /// repeatedly ("Acme Holdings Co., Ltd." → "Acme Holdings"), with a connector they leave dangling ("Smith &amp; Co."
    /// → "Smith"); a suffix is kept rather than leave nothing ("Group"). Casing: configured acronyms are upper case;
    /// words already in mixed case ("eBay", "McKinsey") are kept; in a cell that is not all capitals, all-caps words of
    /// up to <see cref="NormalizationRules.KeepAllCapsWordsUpTo"/> letters are kept ("IBM Corp" → "IBM"); minor words
    /// after the first are lower case ("Bank of America"). Blank is null with a warning (the column is required).
    /// </summary>
    public NormalizedValue<string> CompanyName(string? value)
    {
        var text = Cell(value, out var warning);
        if (text.IsEmpty)
        {
            return new(null, warning ?? "company name is blank");
        }

        var words = new CharBuilder(stackalloc char[StackBufferLength]);
        var output = new CharBuilder(stackalloc char[StackBufferLength]);
        try
        {
            AppendCompanyWords(ref words, WithoutTrailingArticle(text));
            var core = StripCompanySuffixes(WithoutLeadingArticle(words.Written));
            if (!HasLetterOrDigit(core))
            {
                return new(null, $"{Quote(text)} has no letters or digits");
            }

            AppendWords(ref output, core, Casing.Company, shouting: !HasLower(text));

            // Apostrophes were kept only to case "o'reilly" as "O'Reilly".
            var written = output.Written;
            return new(written.Contains('\'') ? written.ToString().Replace("'", "", StringComparison.Ordinal) : written.ToString(), null);
        }
        finally
        {
            words.Dispose();
            output.Dispose();
        }
    }

    /// <summary>
    /// A job title: abbreviations expanded or standardised by <see cref="NormalizationRules.TitleAbbreviations"/>
    /// ("v.p." → "VP", "Chief Executive Officer" and "Chief Exec. Officer" → "CEO", "Dir." → "Director"), then title
    /// case with acronyms kept and minor words lower case: "v.p. of hr operations" → "VP of HR Operations". Word order
    /// is kept ("HR VP" stays "HR VP"); what a title means is the title classifier's business. Blank is null without
    /// a warning.
    /// </summary>
    public NormalizedValue<string> Title(string? value)
    {
        var cell = Cell(value, out var warning);
        if (cell.IsEmpty)
        {
            return new(null, warning);
        }

        var text = cell.Length == value!.Length ? value : cell.ToString();
        if (_titleAbbreviationPattern is not null)
        {
            try
            {
                text = ExpandTitleAbbreviations(text);
            }
            catch (RegexMatchTimeoutException)
            {
                warning = "abbreviations were not expanded (took too long)";
            }
        }

        var core = text.AsSpan().Trim(" \t\r\n,;:|/-–—*_\"");
        if (!HasLetterOrDigit(core))
        {
            return new(null, Join(warning, $"{Quote(cell)} has no letters or digits"));
        }

        var output = new CharBuilder(stackalloc char[StackBufferLength]);
        try
        {
            // Whether the cell was written in capitals is judged before expansion added lower-case words.
            AppendWords(ref output, core, Casing.Title, shouting: !HasLower(cell));
            return new(output.ToString(), warning);
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// A person's name from the full-name, first-name and last-name cells. Honorifics are removed from the start
    /// and suffixes from the end ("Mr. JOHN SMITH, Jr." → "John Smith"), nicknames in parentheses or quotes are
    /// dropped, and a missing first or last name is split from the full name: first word first, last word (with
    /// any particles before it, "van Beethoven") last, or "Last, First" when a comma separates them. Title case
    /// handles apostrophes ("O'Brien"), hyphens ("Mary-Jane") and configured prefixes ("McDonald"); words already
    /// in mixed case ("DeShawn") are kept, and so are lower-case particles in an otherwise capitalised name.
    /// A missing full name is built from first and last. Warnings: no name at all, or a missing first or last name.
    /// </summary>
    public NormalizedPersonName PersonName(string? fullName, string? firstName, string? lastName)
    {
        string? warning = null;
        var full = Cell(fullName, out var fullWarning);
        var first = Cell(firstName, out var firstWarning);
        var last = Cell(lastName, out var lastWarning);
        AddWarning(ref warning, fullWarning, "full name");
        AddWarning(ref warning, firstWarning, "first name");
        AddWarning(ref warning, lastWarning, "last name");

        string? parsedFull = null, parsedFirst = null, parsedLast = null;
        if (!full.IsEmpty && !SplitFullName(full, out parsedFull, out parsedFirst, out parsedLast))
        {
            warning = Join(warning, $"full name {Quote(full)} could not be read");
        }

        var givenFirst = first.IsEmpty ? null : NamePart(first, stripPrefixes: true, stripSuffixes: false, ref warning, "first name");
        var givenLast = last.IsEmpty ? null : NamePart(last, stripPrefixes: false, stripSuffixes: true, ref warning, "last name");
        var resultFirst = givenFirst ?? parsedFirst;
        var resultLast = givenLast ?? parsedLast;
        var resultFull = parsedFull ?? (resultFirst is null ? resultLast : resultLast is null ? resultFirst : resultFirst + " " + resultLast);

        if (resultFull is null)
        {
            warning = Join(warning, "name is blank");
        }
        else if (resultLast is null)
        {
            warning = Join(warning, "last name is missing");
        }
        else if (resultFirst is null)
        {
            warning = Join(warning, "first name is missing");
        }

        return new NormalizedPersonName(resultFull, resultFirst, resultLast, warning);

        static void AddWarning(ref string? warning, string? cellWarning, string what)
        {
            if (cellWarning is not null)
            {
                warning = Join(warning, $"{what}: {cellWarning}");
            }
        }
    }

    private bool SplitFullName(ReadOnlySpan<char> text, out string? full, out string? first, out string? last)
    {
        full = first = last = null;
        Span<Range> words = stackalloc Range[MaxNameWords];
        Span<bool> commaAfter = stackalloc bool[MaxNameWords];
        var count = TokenizeName(text, words, commaAfter);
        if (count < 0)
        {
            return false;
        }

        var start = 0;
        var end = count;
        while (end - start > 1 && _personPrefixes.Contains(text[words[start]]))
        {
            start++;
        }

        while (end - start > 1 && _personSuffixes.Contains(text[words[end - 1]]))
        {
            end--;
        }

        if (start == end)
        {
            return true;
        }

        // "Last, First": a comma after a word that is not the last one left.
        var comma = -1;
        for (var i = start; i < end - 1; i++)
        {
            if (commaAfter[i])
            {
                comma = i;
                break;
            }
        }

        Span<int> order = stackalloc int[MaxNameWords];
        var length = 0;
        int firstIndex, lastFrom, lastTo;
        if (comma >= 0)
        {
            var surnameEnd = comma + 1;
            while (surnameEnd - start > 1 && _personSuffixes.Contains(text[words[surnameEnd - 1]]))
            {
                surnameEnd--;
            }

            var givenStart = comma + 1;
            while (end - givenStart > 1 && _personPrefixes.Contains(text[words[givenStart]]))
            {
                givenStart++;
            }

            for (var i = givenStart; i < end; i++)
            {
                order[length++] = i;
            }

            lastFrom = length;
            for (var i = start; i < surnameEnd; i++)
            {
                order[length++] = i;
            }

            lastTo = length;
            firstIndex = 0;
        }
        else
        {
            for (var i = start; i < end; i++)
            {
                order[length++] = i;
            }

            firstIndex = 0;
            if (length == 1)
            {
                lastFrom = lastTo = 0;
            }
            else
            {
                lastTo = length;
                lastFrom = length - 1;
                while (lastFrom > 1 && _particles.Contains(text[words[order[lastFrom - 1]]]))
                {
                    lastFrom--;
                }
            }
        }

        var singleCase = !(HasLower(text) && HasUpper(text));
        Span<int> offsets = stackalloc int[MaxNameWords + 1];
        var output = new CharBuilder(stackalloc char[StackBufferLength]);
        try
        {
            for (var i = 0; i < length; i++)
            {
                if (i > 0)
                {
                    output.Append(' ');
                }

                offsets[i] = output.Length;
                AppendWord(ref output, text[words[order[i]]], Casing.Person, isFirst: i == 0, shouting: false, singleCase);
            }

            offsets[length] = output.Length + 1;
            var written = output.Written;
            full = written.ToString();
            first = written[offsets[firstIndex]..(offsets[firstIndex + 1] - 1)].ToString();
            last = lastTo > lastFrom ? written[offsets[lastFrom]..(offsets[lastTo] - 1)].ToString() : null;
            return true;
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>A first-name or last-name cell: honorifics or suffixes removed, title case; null when nothing is left.</summary>
    private string? NamePart(ReadOnlySpan<char> text, bool stripPrefixes, bool stripSuffixes, ref string? warning, string what)
    {
        Span<Range> words = stackalloc Range[MaxNameWords];
        Span<bool> commaAfter = stackalloc bool[MaxNameWords];
        var count = TokenizeName(text, words, commaAfter);
        if (count < 0)
        {
            warning = Join(warning, $"{what} {Quote(text)} could not be read");
        }

        if (count <= 0)
        {
            return null;
        }

        var start = 0;
        var end = count;
        while (stripPrefixes && start < end && _personPrefixes.Contains(text[words[start]]))
        {
            start++;
        }

        while (stripSuffixes && end > start && _personSuffixes.Contains(text[words[end - 1]]))
        {
            end--;
        }

        if (start == end)
        {
            return null;
        }

        var singleCase = !(HasLower(text) && HasUpper(text));
        var output = new CharBuilder(stackalloc char[StackBufferLength]);
        try
        {
            for (var i = start; i < end; i++)
            {
                if (i > start)
                {
                    output.Append(' ');
                }

                AppendWord(ref output, text[words[i]], Casing.Person, isFirst: i == start && stripPrefixes, shouting: false, singleCase);
            }

            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// Splits a name cell into words at whitespace and commas (noting which words a comma follows), skipping
    /// parenthesised or quoted nicknames and words without a letter or digit. Returns the word count, or -1 when
    /// there are more words than a name can have.
    /// </summary>
    private static int TokenizeName(ReadOnlySpan<char> text, Span<Range> words, Span<bool> commaAfter)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '(' or '"' or '“')
            {
                var close = c switch { '(' => ')', '"' => '"', _ => '”' };
                var end = text[(i + 1)..].IndexOf(close);
                i = end < 0 ? text.Length : i + end + 2;
                continue;
            }

            if (c == ',')
            {
                if (count > 0)
                {
                    commaAfter[count - 1] = true;
                }

                i++;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is ')' or '”')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '(' or ')' or '"' or '“' or '”'))
            {
                i++;
            }

            if (!HasLetterOrDigit(text[start..i]))
            {
                continue;
            }

            if (count == words.Length)
            {
                return -1;
            }

            commaAfter[count] = false;
            words[count++] = new Range(start, i);
        }

        return count;
    }

    /// <summary>
    /// Writes the words of a company name separated by single spaces: letters with accents folded, digits, an
    /// apostrophe inside a word, initials joined ("J.P.", "A/S"), "&amp;" as the word "and" unless it joins a short
    /// all-caps acronym; everything else separates words.
    /// </summary>
    private void AppendCompanyWords(ref CharBuilder output, ReadOnlySpan<char> text)
    {
        var initial = 0; // letters since the word started or an initial was joined
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                AppendFolded(ref output, c);
                initial++;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A combining accent of already decomposed text: folded away.
            }
            else if (c is '\'' or '’' or '‘' && i > 0 && char.IsLetter(text[i - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                output.Append('\'');
            }
            else if (c is '.' or '/' && initial == 1 && i + 1 < text.Length && char.IsLetter(text[i + 1])
                && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
            {
                // "J.P.", "A/S": a one-letter part followed by another one joins it.
                initial = 0;
            }
            else if (c == '&' && IsAcronymAmpersand(text, i))
            {
                output.Append('&');
            }
            else
            {
                EndWord(ref output);
                if (c == '&')
                {
                    output.Append("and ");
                }

                initial = 0;
            }
        }

        EndWord(ref output);
        output.Truncate(output.Written.TrimEnd(' ').Length);

        static void EndWord(ref CharBuilder output)
        {
            if (output.Length > 0 && output.Written[^1] != ' ')
            {
                output.Append(' ');
            }
        }
    }

    /// <summary>"AT&amp;T", "P&amp;G": an ampersand inside a word of capitals short enough to be an acronym.</summary>
    private bool IsAcronymAmpersand(ReadOnlySpan<char> text, int index)
    {
        var start = index;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '&'))
        {
            start--;
        }

        var end = index + 1;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '&'))
        {
            end++;
        }

        var word = text[start..end];
        return start < index && end > index + 1 && !HasLower(word) && LetterCount(word) <= _rules.KeepAllCapsWordsUpTo;
    }

    /// <summary>A letter without its accent ("é" → "e", "ß" → "ss", "Ø" → "O"); other characters as they are.</summary>
    private static void AppendFolded(ref CharBuilder output, char c)
    {
        if (char.IsAscii(c))
        {
            output.Append(c);
            return;
        }

        var special = c switch
        {
            'ß' => "ss",
            'æ' => "ae",
            'Æ' => "AE",
            'œ' => "oe",
            'Œ' => "OE",
            'ø' => "o",
            'Ø' => "O",
            'ł' => "l",
            'Ł' => "L",
            'đ' => "d",
            'Đ' => "D",
            'þ' => "th",
            'Þ' => "TH",
            'ı' => "i",
            _ => null,
        };
        if (special is not null)
        {
            output.Append(special);
            return;
        }

        Span<char> decomposed = stackalloc char[8];
        if (!new ReadOnlySpan<char>(in c).TryNormalize(decomposed, out var length, NormalizationForm.FormD))
        {
            output.Append(c);
            return;
        }

        foreach (var part in decomposed[..length])
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                output.Append(part);
            }
        }
    }

    /// <summary>The name without a trailing "(The)" or ", The" ("Acme Company, The" → "Acme Company").</summary>
    private static ReadOnlySpan<char> WithoutTrailingArticle(ReadOnlySpan<char> text)
    {
        var rest = text.TrimEnd();
        var parenthesised = rest.EndsWith(')');
        if (parenthesised)
        {
            rest = rest[..^1].TrimEnd();
        }

        if (!rest.EndsWith("the", StringComparison.OrdinalIgnoreCase) || (rest.Length > 3 && char.IsLetterOrDigit(rest[^4])))
        {
            return text;
        }

        rest = rest[..^3].TrimEnd();
        var opener = parenthesised ? '(' : ',';
        return rest.EndsWith(opener) && HasLetterOrDigit(rest[..^1]) ? rest[..^1] : text;
    }

    /// <summary>The words without a leading "The", unless it is the only word.</summary>
    private static ReadOnlySpan<char> WithoutLeadingArticle(ReadOnlySpan<char> words) =>
        words.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? words[4..] : words;

    private ReadOnlySpan<char> StripCompanySuffixes(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var cut = LastWordStart(text);
            if (cut <= 0 || !_companySuffixes.Contains(text[cut..]))
            {
                return text;
            }

            // A connector or an article left dangling goes too ("Smith & Co." → "Smith", "Acme, The Company" → "Acme").
            var rest = TrimCompanyEnds(text[..cut]);
            var connector = LastWordStart(rest);
            if (connector > 0 && (_companyConnectors.Contains(rest[connector..]) || rest[connector..].Equals("the", StringComparison.OrdinalIgnoreCase)))
            {
                rest = TrimCompanyEnds(rest[..connector]);
            }

            // Keep the suffix rather than leave nothing, or only "The".
            if (!HasLetterOrDigit(rest) || (LastWordStart(rest) == 0 && _lowercaseWords.Contains(rest)))
            {
                return text;
            }

            text = rest;
        }
    }

    /// <summary>Where the last word starts (after the last whitespace or comma); 0 when there is one word.</summary>
    private static int LastWordStart(ReadOnlySpan<char> text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == ',')
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static ReadOnlySpan<char> TrimCompanyEnds(ReadOnlySpan<char> text) =>
        text.Trim(" \t\r\n\u00A0,;:|/\\-–—*_\"").TrimEnd(" \t\r\n\u00A0,;:|/\\-–—*_\".");

    /// <summary>Writes the words of <paramref name="text"/> cased, separated by single spaces (none before a comma).</summary>
    private void AppendWords(ref CharBuilder output, ReadOnlySpan<char> text, Casing casing, bool shouting)
    {
        var first = true;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var word = text[start..i];
            if (output.Length > 0 && word[0] is not (',' or ';'))
            {
                output.Append(' ');
            }

            AppendWord(ref output, word, casing, first, shouting, singleCase: shouting);
            first &= !HasLetterOrDigit(word);
        }
    }

    /// <summary>Writes one whitespace-free word cased, part by part ("co-founder" → "Co-Founder", "ceo/owner" → "CEO/Owner").</summary>
    private void AppendWord(ref CharBuilder output, ReadOnlySpan<char> word, Casing casing, bool isFirst, bool shouting, bool singleCase)
    {
        // "AT&T", "R&D", "P&G": short all-caps words joined by an ampersand are acronyms in any cell.
        if (casing != Casing.Person && word.Contains('&') && !HasLower(word) && LetterCount(word) <= _rules.KeepAllCapsWordsUpTo)
        {
            output.Append(word);
            return;
        }

        var i = 0;
        while (i < word.Length)
        {
            if (IsPartSeparator(word[i]))
            {
                output.Append(word[i++]);
                continue;
            }

            var start = i;
            while (i < word.Length && !IsPartSeparator(word[i]))
            {
                i++;
            }

            AppendPart(ref output, word[start..i], casing, isFirst && start == 0, shouting, singleCase);
        }
    }

    private void AppendPart(ref CharBuilder output, ReadOnlySpan<char> part, Casing casing, bool isFirst, bool shouting, bool singleCase)
    {
        if (!HasLetter(part))
        {
            output.Append(part);
            return;
        }

        var dotted = IsDottedInitials(part);
        var key = dotted ? part : part.TrimEnd('.');
        var mixed = HasLower(part) && HasUpperAfterFirstLetter(part);

        if (casing == Casing.Person)
        {
            if (mixed || (!singleCase && !isFirst && !HasUpper(part) && _particles.Contains(key)))
            {
                output.Append(part);
            }
            else
            {
                AppendTitleCase(ref output, part, namePrefixes: true);
            }

            return;
        }

        if (_acronyms.TryGet(key, out var acronym))
        {
            output.Append(acronym);
            if (!dotted)
            {
                output.Append(part[key.Length..]);
            }
        }
        else if (!isFirst && _lowercaseWords.Contains(key))
        {
            part.ToLowerInvariant(output.AppendSpan(part.Length));
        }
        else if (mixed)
        {
            output.Append(part);
        }
        else if (dotted || (!shouting && !HasLower(part) && LetterCount(part) <= _rules.KeepAllCapsWordsUpTo))
        {
            part.ToUpperInvariant(output.AppendSpan(part.Length));
        }
        else
        {
            AppendTitleCase(ref output, part, namePrefixes: false);
        }
    }

    /// <summary>
    /// Lower case with capitals at the start, after an apostrophe or dot that follows a single letter
    /// ("o'brien" → "O'Brien", "j.r." → "J.R.", but "macy's" → "Macy's") and, for names, after a configured
    /// prefix ("mcdonald" → "McDonald").
    /// </summary>
    private void AppendTitleCase(ref CharBuilder output, ReadOnlySpan<char> part, bool namePrefixes)
    {
        var chars = output.AppendSpan(part.Length);
        part.ToLowerInvariant(chars);
        var capitalizeNext = true;
        var runLetters = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsLetter(c))
            {
                if (capitalizeNext)
                {
                    chars[i] = char.ToUpperInvariant(c);
                    capitalizeNext = false;
                }

                runLetters++;
            }
            else if (c is '\'' or '’' or '.')
            {
                capitalizeNext = runLetters == 1;
                runLetters = 0;
            }
        }

        if (!namePrefixes)
        {
            return;
        }

        foreach (var prefix in _namePrefixes)
        {
            if (chars.Length >= prefix.Length + 2 && chars.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && char.IsLetter(chars[prefix.Length]))
            {
                chars[prefix.Length] = char.ToUpperInvariant(chars[prefix.Length]);
                break;
            }
        }
    }

    private static bool IsPartSeparator(char c) => c is '-' or '/' or '&' or '(' or ')' or ',' or ';' or ':' or '"' or '[' or ']' or '+' or '|' or '–' or '—';

    /// <summary>Single letters each followed by a dot, the last dot optional: "c.e.o.", "v.p", "J.R.".</summary>
    private static bool IsDottedInitials(ReadOnlySpan<char> part)
    {
        var letters = 0;
        var i = 0;
        while (i < part.Length)
        {
            if (!char.IsLetter(part[i]))
            {
                return false;
            }

            letters++;
            i++;
            if (i < part.Length)
            {
                if (part[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        return letters >= 2;
    }

    private static bool HasLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int LetterCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>An upper-case letter after the first letter: with a lower-case one, the word was cased on purpose ("McDonald", "eBay", "O'Brien").</summary>
    private static bool HasUpperAfterFirstLetter(ReadOnlySpan<char> text)
    {
        var seenLetter = false;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (seenLetter && char.IsUpper(c))
            {
                return true;
            }

            seenLetter = true;
        }

        return false;
    }
}
