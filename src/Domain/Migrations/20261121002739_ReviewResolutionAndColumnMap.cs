using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class ReviewResolutionAndColumnMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "resolution_changes",
                schema: "garage",
                table: "missing_parts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "column_map",
                schema: "ops",
                table: "backfill_import",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "resolution_changes",
                schema: "garage",
                table: "missing_parts");

            migrationBuilder.DropColumn(
                name: "column_map",
                schema: "ops",
                table: "backfill_import");
        }
    }
}
