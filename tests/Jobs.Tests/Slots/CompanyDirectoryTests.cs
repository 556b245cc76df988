using Portal.Jobs.Slots;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Slots;

/// <summary>The companies list counts exactly up to its limit and says "at least" beyond it.</summary>
public sealed class CompanyDirectoryTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync($"""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain)
            SELECT 'CD-' || i, 'Company ' || lpad(i::text, 6, '0'), 'c' || i || '.test' FROM generate_series(1, {CompanyDirectory.CountLimit + 50}) i;
            INSERT INTO marketing.company_slot (company_unique_id, slot_type, status, is_filled)
            SELECT 'CD-' || i, 'CEO', CASE WHEN i <= 30 THEN 'filled' ELSE 'open' END, i <= 30 FROM generate_series(1, {CompanyDirectory.CountLimit + 50}) i;
            """);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task ABroadFilter_CountsUpToTheLimit_AndSaysAtLeast()
    {
        var page = await new CompanyDirectory(database.ContextFactory()).SearchAsync(new CompanyQuery(SlotType: "CEO", SlotStatus: "open", Take: 10));

        page.Total.ShouldBe(CompanyDirectory.CountLimit);
        page.TotalIsAtLeast.ShouldBeTrue();
        page.Items.Select(c => c.CompanyName).ShouldBe(Enumerable.Range(31, 10).Select(i => $"Company {i:D6}"));
    }

    [Fact]
    public async Task ANarrowFilter_IsCountedExactly()
    {
        var page = await new CompanyDirectory(database.ContextFactory()).SearchAsync(new CompanyQuery(SlotType: "CEO", SlotStatus: "filled", Take: 10));

        page.Total.ShouldBe(30);
        page.TotalIsAtLeast.ShouldBeFalse();
    }
}
