using System.Text.Json;
using Portal.Domain.Backfill.Baselines;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Baselines;

public sealed class TalentFlowBaselineTests
{
    private static readonly string Original = TalentFlowBaseline.Hash("John Smith", "VP of HR", "Acme", "https://www.linkedin.com/in/john-smith/");

    [Fact]
    public void Hash_IsTheMd5OfTheCanonicalFields()
    {
        // Reference from Python: hashlib.md5("john smith\x1fvp of hr\x1facme\x1flinkedin.com/in/john-smith".encode()).hexdigest()
        Original.ShouldBe("3f81f2406b42f57cd122819db1868294");
    }

    [Fact]
    public void Hash_IsTheSame_ForTheSameState_WhateverTheCasingOrSpacing()
    {
        TalentFlowBaseline.Hash("John Smith", "VP of HR", "Acme", "https://www.linkedin.com/in/john-smith/").ShouldBe(Original);
        TalentFlowBaseline.Hash(" JOHN  SMITH ", "VP OF HR", "acme", "linkedin.com/in/John-Smith").ShouldBe(Original);
    }

    [Theory]
    [InlineData("Jon Smith", "VP of HR", "Acme", "linkedin.com/in/john-smith")]
    [InlineData("John Smith", "CHRO", "Acme", "linkedin.com/in/john-smith")]
    [InlineData("John Smith", "VP of HR", "Globex", "linkedin.com/in/john-smith")]
    [InlineData("John Smith", "VP of HR", "Acme", "linkedin.com/in/john-smith-2")]
    [InlineData("John Smith", null, "Acme", "linkedin.com/in/john-smith")]
    [InlineData("John Smith", "VP of HR", "Acme", null)]
    public void Hash_Changes_WhenAnyFieldChanges(string? name, string? title, string? company, string? linkedin) =>
        TalentFlowBaseline.Hash(name, title, company, linkedin).ShouldNotBe(Original);

    [Fact]
    public void Hash_CannotConfuseFieldBoundaries()
    {
        TalentFlowBaseline.Hash("John", "Smith", null, null).ShouldNotBe(TalentFlowBaseline.Hash("John Smith", null, null, null));
        TalentFlowBaseline.Hash("John\u001FSmith", null, null, null).ShouldNotBe(TalentFlowBaseline.Hash("John", "Smith", null, null));
        TalentFlowBaseline.Hash("A", null, "B", null).ShouldNotBe(TalentFlowBaseline.Hash("A", "B", null, null));
    }

    [Fact]
    public void Hash_TreatsBlankAsUnknown() =>
        TalentFlowBaseline.Hash("John Smith", "  ", "", null).ShouldBe(TalentFlowBaseline.Hash("John Smith", null, null, " "));

    [Fact]
    public void Snapshot_IsAJsonObjectOfTheFields()
    {
        using var snapshot = JsonDocument.Parse(TalentFlowBaseline.Snapshot(" John Smith ", "VP of HR", "Acme", null));
        var root = snapshot.RootElement;

        root.GetProperty("full_name").GetString().ShouldBe("John Smith");
        root.GetProperty("title").GetString().ShouldBe("VP of HR");
        root.GetProperty("company").GetString().ShouldBe("Acme");
        root.GetProperty("linkedin_url").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Snapshot_IsDeterministic() =>
        TalentFlowBaseline.Snapshot("José", "CEO", "Acme", "linkedin.com/in/jose").ShouldBe(TalentFlowBaseline.Snapshot("José", "CEO", "Acme", "linkedin.com/in/jose"));
}
