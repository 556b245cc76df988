using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class PersonNameTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    /// <summary>Full-name cell → full, first, last.</summary>
    public static readonly TheoryData<string, string, string, string> FullNames = new()
    {
        { "Mr. JOHN SMITH, Jr.", "John Smith", "John", "Smith" },
        { "john smith", "John Smith", "John", "Smith" },
        { "JOHN SMITH", "John Smith", "John", "Smith" },
        { "  John    Smith  ", "John Smith", "John", "Smith" },
        { "Dr. Jane Doe PhD", "Jane Doe", "Jane", "Doe" },
        { "Prof. Jane Doe, Ph.D.", "Jane Doe", "Jane", "Doe" },
        { "Mrs Jane Doe, MD", "Jane Doe", "Jane", "Doe" },
        { "Ms. Jane Doe Esq.", "Jane Doe", "Jane", "Doe" },
        { "Mx Sam Lee", "Sam Lee", "Sam", "Lee" },
        { "Henry Ford III", "Henry Ford", "Henry", "Ford" },
        { "Martin Luther King Jr.", "Martin Luther King", "Martin", "King" },
        { "Mary Ann Smith", "Mary Ann Smith", "Mary", "Smith" },

        // Apostrophes, hyphens, Mc, unicode
        { "Mrs Mary-Jane O'Brien", "Mary-Jane O'Brien", "Mary-Jane", "O'Brien" },
        { "mary-jane o'brien", "Mary-Jane O'Brien", "Mary-Jane", "O'Brien" },
        { "SEAN O’NEIL", "Sean O’Neil", "Sean", "O’Neil" },
        { "RONALD MCDONALD", "Ronald McDonald", "Ronald", "McDonald" },
        { "ronald mcdonald", "Ronald McDonald", "Ronald", "McDonald" },
        { "DeShawn Jackson", "DeShawn Jackson", "DeShawn", "Jackson" },
        { "José Müller", "José Müller", "José", "Müller" },
        { "JOSÉ MÜLLER", "José Müller", "José", "Müller" },
        { "josé müller", "José Müller", "José", "Müller" },
        { "ZOË SØRENSEN-ÅBERG", "Zoë Sørensen-Åberg", "Zoë", "Sørensen-Åberg" },
        { "j. r. r. tolkien", "J. R. R. Tolkien", "J.", "Tolkien" },

        // Particles belong to the last name; lower case is kept when written so in a capitalised name
        { "Ludwig van Beethoven", "Ludwig van Beethoven", "Ludwig", "van Beethoven" },
        { "Maria de la Cruz", "Maria de la Cruz", "Maria", "de la Cruz" },
        { "ludwig van beethoven", "Ludwig Van Beethoven", "Ludwig", "Van Beethoven" },

        // "Last, First" and nicknames
        { "Smith, John", "John Smith", "John", "Smith" },
        { "SMITH, JOHN, JR.", "John Smith", "John", "Smith" },
        { "Smith Jr., Mr. John", "John Smith", "John", "Smith" },
        { "John (Jack) Smith", "John Smith", "John", "Smith" },
        { "John \"Jack\" Smith", "John Smith", "John", "Smith" },
    };

    [Theory]
    [MemberData(nameof(FullNames))]
    public void PersonName_FromAFullName_IsCleanedAndSplit(string raw, string full, string first, string last)
    {
        var name = Normalizer.PersonName(raw, null, null);

        name.ShouldBe(new NormalizedPersonName(full, first, last, null), $"name: \"{raw}\"");
    }

    [Theory]
    [InlineData("Madonna")]
    [InlineData("CHER")]
    [InlineData("Dr. Prince")]
    public void PersonName_WithoutALastName_WarnsAndKeepsTheFirst(string raw)
    {
        var name = Normalizer.PersonName(raw, null, null);

        name.LastName.ShouldBeNull();
        name.FirstName.ShouldNotBeNull();
        name.FullName.ShouldBe(name.FirstName);
        name.Warning.ShouldBe("last name is missing");
    }

    [Fact]
    public void PersonName_FromFirstAndLastCells_BuildsTheFullName() =>
        Normalizer.PersonName(null, "  JOHN ", "smith jr.").ShouldBe(new NormalizedPersonName("John Smith", "John", "Smith", null));

    [Fact]
    public void PersonName_FirstAndLastCells_WinOverTheSplit() =>
        Normalizer.PersonName("John Smith", "Jonathan", null).ShouldBe(new NormalizedPersonName("John Smith", "Jonathan", "Smith", null));

    [Fact]
    public void PersonName_OnlyAFirstNameCell_WarnsAboutTheLastName() =>
        Normalizer.PersonName("", "Mr. John", "  ").ShouldBe(new NormalizedPersonName("John", "John", null, "last name is missing"));

    [Fact]
    public void PersonName_OnlyALastNameCell_WarnsAboutTheFirstName() =>
        Normalizer.PersonName(null, null, "O'BRIEN").ShouldBe(new NormalizedPersonName("O'Brien", null, "O'Brien", "first name is missing"));

    [Fact]
    public void PersonName_LastNameCellWithAParticle_KeepsItLowerCase() =>
        Normalizer.PersonName(null, "Ludwig", "van Beethoven").LastName.ShouldBe("van Beethoven");

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", "", "")]
    [InlineData("   ", "\t", " \r\n ")]
    [InlineData("()", "-", ".")]
    public void PersonName_WhenBlank_IsNullWithAWarning(string? full, string? first, string? last) =>
        Normalizer.PersonName(full, first, last).ShouldBe(new NormalizedPersonName(null, null, null, "name is blank"));

    [Fact]
    public void PersonName_WithTooManyWords_IsNotReadButDoesNotThrow()
    {
        var name = Normalizer.PersonName(string.Join(' ', Enumerable.Repeat("word", 100)), null, null);

        name.FullName.ShouldBeNull();
        name.Warning.ShouldNotBeNull().ShouldContain("could not be read");
        Normalizer.PersonName(null, "Jane", string.Join(' ', Enumerable.Repeat("word", 100))).Warning
            .ShouldNotBeNull().ShouldContain("last name \"word word");
    }
}
