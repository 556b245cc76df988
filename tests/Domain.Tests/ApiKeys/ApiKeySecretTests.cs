using Portal.Domain.ApiKeys;
using Shouldly;

namespace Portal.Domain.Tests.ApiKeys;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generate_MakesDistinctUrlSafeSecrets()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToList();

        secrets.Distinct().Count().ShouldBe(100);
        secrets.ShouldAllBe(s => s.StartsWith("eop_") && s.Length > 40 && !s.Contains('+') && !s.Contains('/') && !s.Contains('='));
    }

    [Fact]
    public void Hash_IsStableHexAndDiffersPerSecret()
    {
        var secret = ApiKeySecret.Generate();

        ApiKeySecret.Hash(secret).ShouldBe(ApiKeySecret.Hash(secret));
        ApiKeySecret.Hash(secret).Length.ShouldBe(64);
        ApiKeySecret.Hash(secret).ShouldNotBe(ApiKeySecret.Hash(secret + "x"));
        ApiKeySecret.Hash(secret).ShouldNotContain(secret);
    }

    [Fact]
    public void PrefixOf_KeepsOnlyTheFirstCharacters() =>
        ApiKeySecret.PrefixOf("eop_abcdefghijklmnop").ShouldBe("eop_abcdefgh");
}
