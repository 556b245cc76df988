using Portal.Domain.Persistence;
using Shouldly;

namespace Portal.Domain.Tests.Persistence;

public sealed class SnakeCaseNamingTests
{
    [Theory]
    [InlineData("CompanyUniqueId", "company_unique_id")]
    [InlineData("JobRun", "job_run")]
    [InlineData("IPAddress", "ip_address")]
    [InlineData("AspNetUsers", "asp_net_users")]
    [InlineData("Email2Domain", "email2_domain")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("PK_JobRun", "pk_job_run")]
    public void ToSnakeCase_SplitsWordsAndAcronyms(string name, string expected) =>
        SnakeCaseNaming.ToSnakeCase(name).ShouldBe(expected);
}
