using System.Text.RegularExpressions;

namespace Portal.Domain.Slots;

/// <summary>
/// Reads a job title and says which leadership slots it fills. Tolerant of punctuation, casing, word order,
/// abbreviations and compound titles; titles that name a role only to relate to it ("Executive Assistant
/// to the CEO", "CEO's Office Manager", "Assistant Controller") fill nothing.
/// </summary>
public static partial class TitleClassifier
{
    public static SlotTypes Classify(string? title)
    {
        var text = Normalize(title);
        if (text.Length == 0 || RelationalRole().IsMatch(text))
        {
            return SlotTypes.None;
        }

        var types = SlotTypes.None;
        if (Ceo().IsMatch(text) || FounderOnly().IsMatch(text))
        {
            types |= SlotTypes.Ceo;
        }

        if (Cfo().IsMatch(text))
        {
            types |= SlotTypes.Cfo;
        }

        if (Hr().IsMatch(text))
        {
            types |= SlotTypes.Hr;
        }

        return types;
    }

    /// <summary>
    /// Lower case, abbreviations without dots ("c.e.o." → "ceo"), separators as spaces, abbreviated words written out
    /// ("chief exec. officer" → "chief executive officer", "dir." → "director"), "vice president" → "vp".
    /// </summary>
    public static string Normalize(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "";
        }

        var text = title.ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal).Replace("'s ", " s ", StringComparison.Ordinal);
        text = text.Replace(".", "", StringComparison.Ordinal);
        text = Separators().Replace(text, " ");
        text = text.Replace(" and ", " & ", StringComparison.Ordinal);
        text = WordAbbreviation().Replace(text, match => match.Value switch
        {
            "chf" => "chief",
            "exec" => "executive",
            "dir" => "director",
            "fin" => "finance",
            "sr" => "senior",
            "mgr" => "manager",
            _ => match.Value,
        });
        text = VicePresident().Replace(text, "vp");
        text = HumanResources().Replace(text, "hr");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"[,;:/|()\[\]\-–—+""]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(senior |executive )?vice[ -]?president\b|\b(svp|evp|avp)\b")]
    private static partial Regex VicePresident();

    [GeneratedRegex(@"\b(chf|exec|dir|fin|sr|mgr)\b")]
    private static partial Regex WordAbbreviation();

    [GeneratedRegex(@"\bhuman resources?\b|\bhuman capital\b")]
    private static partial Regex HumanResources();

    // Someone who works for, with or around the role does not hold it.
    [GeneratedRegex(@"\b(assistant|asst|secretary|intern|coordinator|associate|aide|advisor|adviser|consultant|former|ex|aspiring|support|liaison|recruiter|chief of staff)\b|\bto (the )?(ceo|cfo|president|chro)\b|\boffice of\b|\b(ceo|cfo|president) s\b")]
    private static partial Regex RelationalRole();

    [GeneratedRegex(@"\bceo\b|\bchief executive( officer)?\b|(?<!vp )(?<!vp of )\bpresident\b|\bmanaging director\b|\bowner\b|\bgeneral manager & ceo\b")]
    private static partial Regex Ceo();

    // "Founder" alone (or with "owner") leads the company; "Co-Founder & CTO" does not make a CEO.
    [GeneratedRegex(@"^(co ?)?founder( & (owner|principal))?$")]
    private static partial Regex FounderOnly();

    [GeneratedRegex(@"\bcfo\b|\bchief financ(e|ial) officer\b|\bchief accounting officer\b|\b(vp|head|director|chief)( of)? (finance|financial|finance & accounting|finance & operations|finance & administration)\b|\b(finance|financial) (director|vp|head|chief)\b|(^|& )(corporate |group |company |financial |finance )?(controller|comptroller)$|\b(financial|corporate|group) (controller|comptroller)\b|\bcontroller & (cfo|treasurer)\b|\btreasurer\b")]
    private static partial Regex Cfo();

    [GeneratedRegex(@"\bchro\b|\bchief (people|hr|talent|culture|people & culture) officer\b|\b(vp|head|director)( of)? (finance|operations) & (hr|people)\b|\b(vp|head|director|manager|lead|leader)( of)? (hr|people|people operations|people & culture|talent|talent & culture|personnel)\b|\b(hr|people|people operations|people & culture|personnel) (director|manager|lead|leader|head|vp|partner lead)\b|^hr$")]
    private static partial Regex Hr();
}
