using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class ImportMergePolicyAndRevert : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "merge_log",
                schema: "enrichment",
                table: "enrichment_item",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "merge_rules_version_id",
                schema: "ops",
                table: "backfill_import",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revert_summary",
                schema: "ops",
                table: "backfill_import",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reverted_at",
                schema: "ops",
                table: "backfill_import",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reverted_by",
                schema: "ops",
                table: "backfill_import",
                type: "text",
                nullable: true);

            // A person's import history (the company page, a revert's "matched by another import since"): only the rows that
            // changed someone or created someone, so the log's COPY barely pays for it.
            migrationBuilder.Sql("""
                CREATE INDEX ix_backfill_log_person_changed ON public.backfill_log (matched_person_id)
                 WHERE actions_taken ? 'changes' OR actions_taken ? 'person_created';
                """);

            // No race between imports can create one person twice: within a company, a normalised email belongs to one
            // person the import created. Limited to the import's own people (other sources may hold shared addresses),
            // and never built over duplicates already there: the migration must not fail on existing data.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM marketing.people_master WHERE source_system = 'backfill' AND email IS NOT NULL AND btrim(email) <> ''
                              GROUP BY company_unique_id, lower(btrim(email)) HAVING count(*) > 1) THEN
                    RAISE WARNING 'ux_people_master_company_email not created: people created by imports share an email within a company; merge them, then create the index';
                  ELSE
                    CREATE UNIQUE INDEX ux_people_master_company_email ON marketing.people_master (company_unique_id, lower(btrim(email)))
                     WHERE source_system = 'backfill' AND email IS NOT NULL AND btrim(email) <> '';
                  END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS marketing.ux_people_master_company_email;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS public.ix_backfill_log_person_changed;");

            migrationBuilder.DropColumn(
                name: "merge_log",
                schema: "enrichment",
                table: "enrichment_item");

            migrationBuilder.DropColumn(
                name: "merge_rules_version_id",
                schema: "ops",
                table: "backfill_import");

            migrationBuilder.DropColumn(
                name: "revert_summary",
                schema: "ops",
                table: "backfill_import");

            migrationBuilder.DropColumn(
                name: "reverted_at",
                schema: "ops",
                table: "backfill_import");

            migrationBuilder.DropColumn(
                name: "reverted_by",
                schema: "ops",
                table: "backfill_import");
        }
    }
}
