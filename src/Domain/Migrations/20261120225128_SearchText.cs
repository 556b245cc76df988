using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class SearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                schema: "ops",
                table: "job_run",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(parameters::text || ' ' || coalesce(summary::text, '') || ' ' || coalesce(error, ''))",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                schema: "shq",
                table: "audit_log",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(coalesce(target_id, '') || ' ' || coalesce(details::text, ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_job_run_search_text",
                schema: "ops",
                table: "job_run",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_search_text",
                schema: "shq",
                table: "audit_log",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_job_run_search_text",
                schema: "ops",
                table: "job_run");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_search_text",
                schema: "shq",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "search_text",
                schema: "ops",
                table: "job_run");

            migrationBuilder.DropColumn(
                name: "search_text",
                schema: "shq",
                table: "audit_log");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
