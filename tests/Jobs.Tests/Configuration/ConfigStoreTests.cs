using Portal.Domain.Backfill.Matching;
using Portal.Domain.Configuration;
using Portal.Jobs.Configuration;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Configuration;

public sealed class ConfigStoreTests
{
    [Fact]
    public async Task Current_IsTheDefaultUntilSaved_ThenTheNewestVersion_WithWhoAndWhen()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new ConfigStore(database.ContextFactory());

        var initial = await store.GetCurrentAsync(ConfigKinds.MatchingThresholds, MatchingThresholds.Default);
        var first = await store.SaveAsync(ConfigKinds.MatchingThresholds, MatchingThresholds.Default with { CompanyAutoMatch = 0.93 }, "admin@test", "stricter");
        var second = await store.SaveAsync(ConfigKinds.MatchingThresholds, MatchingThresholds.Default with { CompanyAutoMatch = 0.95 }, "lead@test", null);
        var current = await store.GetCurrentAsync(ConfigKinds.MatchingThresholds, MatchingThresholds.Default);

        initial.Version.ShouldBeNull();
        initial.Value.ShouldBe(MatchingThresholds.Default);
        (first.Version, second.Version).ShouldBe((1, 2));
        current.Value.CompanyAutoMatch.ShouldBe(0.95);
        current.Version!.CreatedBy.ShouldBe("lead@test");
        (await store.HistoryAsync(ConfigKinds.MatchingThresholds)).Select(v => (v.Version, v.Comment)).ShouldBe([(2, null), (1, "stricter")]);
    }

    [Fact]
    public async Task ConcurrentSaves_GetDistinctVersions()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new ConfigStore(database.ContextFactory());

        var saved = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            store.SaveAsync(ConfigKinds.BitScoring, new { points = i }, $"admin{i}@test", null)));

        saved.Select(v => v.Version).Order().ShouldBe([1, 2, 3, 4]);
    }
}
