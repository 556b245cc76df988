using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class RowTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    [Fact]
    public void Row_NormalizesEveryColumn()
    {
        var row = Normalizer.Row(new LegacyRow
        {
            CompanyName = "ACME CORPORATION, INC.",
            CompanyDomain = "",
            CompanyWebsite = "https://www.Acme.com/about",
            FullName = "Mr. JOHN SMITH, Jr.",
            Title = "v.p. of hr operations",
            Email = "John.Smith@acme.com; jsmith@gmail.com",
            Phone = "(555) 123-4567",
            LinkedInUrl = "linkedin.com/in/John-Smith/?trk=public",
            HistoricalOpenCount = "20",
            HistoricalReplyCount = "3",
            HistoricalMeetingCount = "1",
            LastEngagedAt = "2024-03-05",
            Notes = "  met at the expo  ",
        });

        row.CompanyName.ShouldBe("Acme");
        row.CompanyDomain.ShouldBe("acme.com");
        row.FullName.ShouldBe("John Smith");
        row.FirstName.ShouldBe("John");
        row.LastName.ShouldBe("Smith");
        row.Title.ShouldBe("VP of HR Operations");
        row.Email.ShouldBe("john.smith@acme.com");
        row.AlternateEmails.ShouldBe(["jsmith@gmail.com"]);
        row.EmailIsPersonal.ShouldBeFalse();
        row.Phone.ShouldBe("+15551234567");
        row.LinkedInUrl.ShouldBe("https://www.linkedin.com/in/john-smith");
        row.HistoricalOpenCount.ShouldBe(20);
        row.HistoricalReplyCount.ShouldBe(3);
        row.HistoricalMeetingCount.ShouldBe(1);
        row.LastEngagedAt.ShouldBe(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero));
        row.Notes.ShouldBe("met at the expo");
        row.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Row_TakesTheDomainFromTheWorkEmail_WhenDomainAndWebsiteAreMissing()
    {
        var row = Normalizer.Row(new LegacyRow { CompanyName = "Acme LLC", FullName = "Jane Doe", Email = "jdoe@gmail.com | Jane.Doe@ACME.com" });

        row.CompanyDomain.ShouldBe("acme.com");
        row.Email.ShouldBe("jane.doe@acme.com");
        row.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Row_WithOnlyAPersonalEmail_HasNoDomainAndFlagsTheEmail()
    {
        var row = Normalizer.Row(new LegacyRow { CompanyName = "Acme Group", FullName = "Jane Doe", Email = "JDoe@Gmail.com" });

        row.CompanyName.ShouldBe("Acme");
        row.CompanyDomain.ShouldBeNull();
        row.Email.ShouldBe("jdoe@gmail.com");
        row.EmailIsPersonal.ShouldBeTrue();
        row.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Row_WithBlankOptionalCells_HasNullsAndNoWarnings()
    {
        var row = Normalizer.Row(new LegacyRow
        {
            CompanyName = "Acme",
            FullName = "Jane Doe",
            CompanyDomain = " ",
            CompanyWebsite = "\t",
            Title = "  ",
            Email = "",
            Phone = "   ",
            LinkedInUrl = " ",
            HistoricalOpenCount = "",
            HistoricalReplyCount = " ",
            HistoricalMeetingCount = null,
            LastEngagedAt = "   ",
            Notes = "  ",
        });

        row.ShouldBe(new NormalizedRow { CompanyName = "Acme", FullName = "Jane Doe", FirstName = "Jane", LastName = "Doe", AlternateEmails = row.AlternateEmails, Warnings = row.Warnings });
        row.AlternateEmails.ShouldBeEmpty();
        row.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Row_WithEveryCellWhitespace_WarnsOnlyAboutTheRequiredColumns()
    {
        var blank = "  \t ";
        var row = Normalizer.Row(new LegacyRow
        {
            CompanyName = blank,
            CompanyDomain = blank,
            CompanyWebsite = blank,
            FullName = blank,
            FirstName = blank,
            LastName = blank,
            Title = blank,
            Email = blank,
            Phone = blank,
            LinkedInUrl = blank,
            HistoricalOpenCount = blank,
            HistoricalReplyCount = blank,
            HistoricalMeetingCount = blank,
            LastEngagedAt = blank,
            Notes = blank,
        });

        row.Warnings.ShouldBe(["company_name: company name is blank", "full_name: name is blank"]);
        row.CompanyName.ShouldBeNull();
        row.FullName.ShouldBeNull();
        row.Email.ShouldBeNull();
        row.Notes.ShouldBeNull();
    }

    [Fact]
    public void Row_CollectsEveryProblem_PrefixedWithItsColumn()
    {
        var row = Normalizer.Row(new LegacyRow
        {
            CompanyName = "Acme",
            CompanyDomain = "not a domain",
            FullName = "Madonna",
            Email = "not an email",
            Phone = "123",
            LinkedInUrl = "https://twitter.com/acme",
            HistoricalOpenCount = "-5",
            HistoricalReplyCount = "lots",
            HistoricalMeetingCount = "1.5",
            LastEngagedAt = "someday",
        });

        row.HistoricalOpenCount.ShouldBeNull();
        row.HistoricalReplyCount.ShouldBeNull();
        row.HistoricalMeetingCount.ShouldBeNull();
        row.LastEngagedAt.ShouldBeNull();
        row.Phone.ShouldBeNull();
        row.LinkedInUrl.ShouldBeNull();
        row.CompanyDomain.ShouldBeNull();
        row.FirstName.ShouldBe("Madonna");
        row.Warnings.Select(w => w[..w.IndexOf(':', StringComparison.Ordinal)]).ShouldBe(
        [
            "email", "company_domain", "full_name", "phone", "linkedin_url",
            "historical_open_count", "historical_reply_count", "historical_meeting_count", "last_engaged_at",
        ]);
    }

    [Fact]
    public void Row_KeepsNotesAsWritten() =>
        Normalizer.Row(new LegacyRow { CompanyName = "Acme", FullName = "Jane Doe", Notes = " Prefers EMAIL;  not phone " }).Notes
            .ShouldBe("Prefers EMAIL;  not phone");

    public static readonly TheoryData<string, string> LinkedInUrls = new()
    {
        { "https://www.linkedin.com/in/john-smith", "https://www.linkedin.com/in/john-smith" },
        { "http://linkedin.com/in/John-Smith/", "https://www.linkedin.com/in/john-smith" },
        { "linkedin.com/in/john-smith?trk=abc#x", "https://www.linkedin.com/in/john-smith" },
        { "https://uk.linkedin.com/in/jane-doe-12345/", "https://www.linkedin.com/in/jane-doe-12345" },
        { "WWW.LINKEDIN.COM/IN/JANE", "https://www.linkedin.com/in/jane" },
    };

    [Theory]
    [MemberData(nameof(LinkedInUrls))]
    public void LinkedInUrl_HasOneSpelling(string raw, string expected) =>
        Normalizer.LinkedInUrl(raw).ShouldBe(new NormalizedValue<string>(expected, null));

    [Theory]
    [InlineData("https://twitter.com/john")]
    [InlineData("https://www.linkedin.com/")]
    [InlineData("john smith")]
    [InlineData("https://notlinkedin.com/in/john")]
    public void LinkedInUrl_ThatIsNotAProfile_IsNullWithAWarning(string raw)
    {
        var result = Normalizer.LinkedInUrl(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }
}
