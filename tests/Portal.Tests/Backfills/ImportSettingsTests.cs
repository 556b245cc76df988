using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Backfills;
using Portal.Domain.Configuration;
using Shouldly;

namespace Portal.Tests.Backfills;

public sealed class ImportSettingsTests(PortalApp app)
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, PortalApp.AdminEmail)], "test"));

    private ImportSettingsService Settings => app.Services.GetRequiredService<ImportSettingsService>();

    [Theory]
    [InlineData("{ not json", "Not valid JSON")]
    [InlineData("""{ "companyAutoMatch": 0.8, "companyReview": 0.85 }""", "review threshold")]
    [InlineData("""{ "companyAutoMatch": 1.5 }""", "between 0 and 1")]
    public async Task InvalidThresholds_AreRefused_WithTheReason_AndNotSaved(string json, string reason)
    {
        var before = (await Settings.GetAsync(ConfigKinds.MatchingThresholds, TestContext.Current.CancellationToken)).History.Count;

        var error = await Settings.SaveAsync(Admin, ConfigKinds.MatchingThresholds, json, null, TestContext.Current.CancellationToken);

        error.ShouldNotBeNull();
        error.ShouldContain(reason);
        (await Settings.GetAsync(ConfigKinds.MatchingThresholds, TestContext.Current.CancellationToken)).History.Count.ShouldBe(before);
    }

    [Fact]
    public async Task ValidRules_AreSavedAsANewVersion_WithWhoAndWhy_AndAudited()
    {
        var current = await Settings.GetAsync(ConfigKinds.BitScoring, TestContext.Current.CancellationToken);
        var edited = current.Json.Replace("\"openPoints\": 5", "\"openPoints\": 7", StringComparison.Ordinal);
        edited.ShouldNotBe(current.Json);

        var error = await Settings.SaveAsync(Admin, ConfigKinds.BitScoring, edited, "opens matter more", TestContext.Current.CancellationToken);
        var saved = await Settings.GetAsync(ConfigKinds.BitScoring, TestContext.Current.CancellationToken);

        error.ShouldBeNull();
        saved.Version!.CreatedBy.ShouldBe(PortalApp.AdminEmail);
        saved.Version.Comment.ShouldBe("opens matter more");
        JsonDocument.Parse(saved.Json).RootElement.GetProperty("openPoints").GetInt32().ShouldBe(7);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE action = 'config.saved' AND target_id = 'bit_scoring' AND (details->>'Version')::int = {saved.Version.Version}"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task NormalizationRules_WithProblems_AreRefused()
    {
        var current = await Settings.GetAsync(ConfigKinds.NormalizationRules, TestContext.Current.CancellationToken);
        var broken = JsonDocument.Parse(current.Json).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Name == "phoneMinDigits" ? JsonDocument.Parse("99").RootElement : p.Value.Clone());

        var error = await Settings.SaveAsync(Admin, ConfigKinds.NormalizationRules, JsonSerializer.Serialize(broken), null, TestContext.Current.CancellationToken);

        error.ShouldNotBeNull();
    }

    [Fact]
    public async Task TheMergePolicy_IsAnImportRule_SavedAsAVersion_AndWhatTheNextImportRunsWith()
    {
        var current = await Settings.GetAsync(ConfigKinds.MergeRules, TestContext.Current.CancellationToken);
        var edited = current.Json.Replace("\"titleReplacesOnExactEvidence\": true", "\"titleReplacesOnExactEvidence\": false", StringComparison.Ordinal);
        edited.ShouldNotBe(current.Json);

        (await Settings.SaveAsync(Admin, ConfigKinds.MergeRules, edited, "titles only by hand", TestContext.Current.CancellationToken)).ShouldBeNull();
        var configuration = await Jobs.Backfill.ImportConfiguration.CurrentAsync(app.Services.GetRequiredService<Jobs.Configuration.ConfigStore>(), TestContext.Current.CancellationToken);

        configuration.Merge.Value.TitleReplacesOnExactEvidence.ShouldBeFalse();
        configuration.Options().Merge.TitleReplacesOnExactEvidence.ShouldBeFalse();
        (await Settings.SaveAsync(Admin, ConfigKinds.MergeRules, current.Json, "restore", TestContext.Current.CancellationToken)).ShouldBeNull();
    }
}
