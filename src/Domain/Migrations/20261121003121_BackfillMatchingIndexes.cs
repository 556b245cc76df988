using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <summary>
    /// Expression indexes for the legacy import's person lookup (LegacyBackfillImporter.LoadPeopleAsync): exact email,
    /// normalized LinkedIn URL, and email domain + first + last name, each written exactly as the lookup query writes it,
    /// so that a batch's keys are found by index instead of by scanning people_master once per batch. Not partial: the
    /// planner only uses the statistics of whole-table expression indexes to estimate how many people a key list finds.
    /// </summary>
    public partial class BackfillMatchingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_people_master_backfill_email ON marketing.people_master (lower(btrim(email)));
                CREATE INDEX ix_people_master_backfill_linkedin ON marketing.people_master ((
                    lower(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(btrim(linkedin_url),
                        '^https?://', '', 'i'), '[?#].*$', ''), '/+$', ''), '^www\.', '', 'i'), '^[^/]*\.linkedin\.com(/|$)', 'linkedin.com\1', 'i'))));
                CREATE INDEX ix_people_master_backfill_domain_name ON marketing.people_master ((
                    lower(split_part(btrim(email), '@', 2)) || chr(31) || lower(btrim(first_name)) || chr(31) || lower(btrim(last_name))));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX marketing.ix_people_master_backfill_email;
                DROP INDEX marketing.ix_people_master_backfill_linkedin;
                DROP INDEX marketing.ix_people_master_backfill_domain_name;
                """);
        }
    }
}
