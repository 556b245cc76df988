namespace Portal.Domain.Companies;

/// <summary>A row of <c>marketing.company_master</c>.</summary>
public sealed class Company
{
    public required string CompanyUniqueId { get; set; }

    public required string CompanyName { get; set; }

    public string? Domain { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? Industry { get; set; }

    public int? EmployeeCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
