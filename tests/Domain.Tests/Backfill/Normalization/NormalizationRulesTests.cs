using System.Text.Json;
using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class NormalizationRulesTests
{
    private static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    [Fact]
    public void Default_RoundTripsThroughJson()
    {
        foreach (var options in new[] { JsonSerializerOptions.Default, Web })
        {
            var json = JsonSerializer.Serialize(NormalizationRules.Default, options);
            var back = JsonSerializer.Deserialize<NormalizationRules>(json, options).ShouldNotBeNull();

            JsonSerializer.Serialize(back, options).ShouldBe(json);
            back.Validate().ShouldBeEmpty();
        }
    }

    [Fact]
    public void Default_StoredAsJson_NormalizesLikeTheDefault()
    {
        var stored = JsonSerializer.Deserialize<NormalizationRules>(JsonSerializer.Serialize(NormalizationRules.Default, Web), Web).ShouldNotBeNull();
        var fromJson = new RowNormalizer(stored);
        var fromCode = new RowNormalizer(NormalizationRules.Default);
        var row = new LegacyRow
        {
            CompanyName = "ACME CORPORATION, INC.",
            CompanyWebsite = "https://www.Acme.com/about",
            FullName = "Mr. JOHN SMITH, Jr.",
            Title = "v.p. of hr operations",
            Email = "John.Smith@acme.com; jsmith@gmail.com",
            Phone = "(555) 123-4567",
            LastEngagedAt = "3/5/2024",
        };

        var expected = fromCode.Row(row);
        var actual = fromJson.Row(row);

        actual.ShouldBe(expected with { AlternateEmails = actual.AlternateEmails, Warnings = actual.Warnings });
        actual.AlternateEmails.ShouldBe(expected.AlternateEmails);
    }

    [Fact]
    public void Json_IsPlainArraysAndObjects_AnAdminCanEdit()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(NormalizationRules.Default, Web));
        var root = json.RootElement;

        root.GetProperty("companySuffixes").ValueKind.ShouldBe(JsonValueKind.Array);
        root.GetProperty("titleAbbreviations").GetProperty("Vice President").GetString().ShouldBe("VP");
        root.GetProperty("emailSeparators").EnumerateArray().Select(e => e.GetString()).ShouldBe([",", ";", "|"]);
        root.GetProperty("phoneDefaultCountryCode").GetString().ShouldBe("+1");
    }

    [Fact]
    public void PartialJson_KeepsTheDefaultsForWhatItDoesNotSay()
    {
        var rules = JsonSerializer.Deserialize<NormalizationRules>("""{ "phoneDefaultCountryCode": "+44" }""", Web).ShouldNotBeNull();

        rules.CompanySuffixes.ShouldBe(NormalizationRules.Default.CompanySuffixes);
        new RowNormalizer(rules).Phone("(555) 123-4567").Value.ShouldBe("+445551234567");
    }

    [Fact]
    public void ARuleChangedInJson_ChangesTheOutput()
    {
        // Proof that the rules are data: remove "Group" from the suffixes in the stored JSON.
        var json = JsonSerializer.Serialize(NormalizationRules.Default, Web).Replace("\"Group\",", "", StringComparison.Ordinal);
        var edited = JsonSerializer.Deserialize<NormalizationRules>(json, Web).ShouldNotBeNull();

        edited.CompanySuffixes.ShouldNotContain("Group");
        new RowNormalizer(NormalizationRules.Default).CompanyName("Acme Group").Value.ShouldBe("Acme");
        new RowNormalizer(edited).CompanyName("Acme Group").Value.ShouldBe("Acme Group");
    }

    [Fact]
    public void ChangedRules_ChangeEveryKindOfOutput()
    {
        var rules = NormalizationRules.Default with
        {
            CompanySuffixes = [.. NormalizationRules.Default.CompanySuffixes.Where(s => s != "Group"), "Holdings"],
            TitleAbbreviations = new Dictionary<string, string>(NormalizationRules.Default.TitleAbbreviations) { ["Head"] = "Lead" },
            Acronyms = [.. NormalizationRules.Default.Acronyms, "GTM"],
            PersonalEmailDomains = [.. NormalizationRules.Default.PersonalEmailDomains, "acme-mail.com"],
            EmailSeparators = [";"],
            PersonSuffixes = [.. NormalizationRules.Default.PersonSuffixes, "PMP"],
            PhoneDefaultCountryCode = "+44",
            DateFormats = ["dd/MM/yyyy"],
        };
        var normalizer = new RowNormalizer(rules);

        normalizer.CompanyName("Acme Group Holdings").Value.ShouldBe("Acme Group");
        normalizer.Title("head of gtm").Value.ShouldBe("Lead of GTM");
        normalizer.Email("a@acme-mail.com; b@acme.com").Value.ShouldBe("b@acme.com");
        normalizer.Email("a@acme.com,b@acme.com").Value.ShouldBeNull();
        normalizer.PersonName("Jane Doe PMP", null, null).LastName.ShouldBe("Doe");
        normalizer.Phone("(555) 123-4567").Value.ShouldBe("+445551234567");
        normalizer.Date("05/03/2024").Value.ShouldBe(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Validate_ReportsUnusableRules_AndTheNormalizerRefusesThem()
    {
        var bad = NormalizationRules.Default with
        {
            EmailSeparators = [";", "ab"],
            PhoneDefaultCountryCode = "1",
            PhoneMinDigits = 16,
            DateFormats = ["yyyy-MM-dd", "%"],
            CompanySuffixes = ["Inc", " "],
            MaxCellLength = 0,
        };

        bad.Validate().Count.ShouldBe(6);
        Should.Throw<ArgumentException>(() => new RowNormalizer(bad));
        NormalizationRules.Default.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ReportsCollectionsMissingFromJson()
    {
        var rules = JsonSerializer.Deserialize<NormalizationRules>("""{ "acronyms": null }""", Web).ShouldNotBeNull();

        rules.Validate().ShouldBe(["Acronyms is missing."]);
    }

    [Fact]
    public void OneNormalizer_IsSafeToShareAcrossThreads()
    {
        var normalizer = new RowNormalizer(NormalizationRules.Default);
        var results = new string?[1000];

        Parallel.For(0, results.Length, i => results[i] = normalizer.Title(i % 2 == 0 ? "v.p. of hr operations" : "chief executive officer").Value);

        results.Where((r, i) => r != (i % 2 == 0 ? "VP of HR Operations" : "CEO")).ShouldBeEmpty();
    }
}
