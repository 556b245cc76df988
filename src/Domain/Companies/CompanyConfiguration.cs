using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Companies;

public sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public const string SearchTextColumn = "SearchText";

    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("company_master", "marketing");
        builder.HasKey(c => c.CompanyUniqueId);
        builder.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(c => c.UpdatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(c => c.Domain);
        builder.HasIndex(c => c.CompanyName);
        builder.HasIndex(c => c.UpdatedAt);

        // Name-or-domain search on a million companies: trigram index over one lower-cased column.
        builder.Property<string>(SearchTextColumn)
            .HasComputedColumnSql("lower(company_name || ' ' || coalesce(domain, ''))", stored: true);
        builder.HasIndex(SearchTextColumn).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
