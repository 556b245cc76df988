using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class AddEnrichmentPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "enrichment");

            migrationBuilder.CreateTable(
                name: "enrichment_alert",
                schema: "enrichment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    item_id = table.Column<long>(type: "bigint", nullable: true),
                    message = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrichment_alert", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enrichment_item",
                schema: "enrichment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    routing_task_id = table.Column<long>(type: "bigint", nullable: true),
                    intake_id = table.Column<long>(type: "bigint", nullable: true),
                    company_unique_id = table.Column<string>(type: "text", nullable: false),
                    slot_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    backfill_run_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lookup_status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false, defaultValue: "PENDING"),
                    validate_status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false, defaultValue: "PENDING"),
                    apply_status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false, defaultValue: "PENDING"),
                    ai_confidence = table.Column<double>(type: "double precision", nullable: true),
                    ai_label = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    found_full_name = table.Column<string>(type: "text", nullable: true),
                    found_first_name = table.Column<string>(type: "text", nullable: true),
                    found_last_name = table.Column<string>(type: "text", nullable: true),
                    found_title = table.Column<string>(type: "text", nullable: true),
                    found_email = table.Column<string>(type: "text", nullable: true),
                    found_linkedin_url = table.Column<string>(type: "text", nullable: true),
                    person_unique_id = table.Column<string>(type: "text", nullable: true),
                    enrichment_retry_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    last_enrichment_attempt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error_messages = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]"),
                    last_error_class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrichment_item", x => x.id);
                    table.CheckConstraint("ck_enrichment_item_retry_count", "enrichment_retry_count BETWEEN 0 AND 5");
                    table.CheckConstraint("ck_enrichment_item_status", "status IN ('pending', 'in_progress', 'completed', 'failed', 'dead_letter', 'skipped')");
                });

            migrationBuilder.CreateTable(
                name: "provider_state",
                schema: "enrichment",
                columns: table => new
                {
                    provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    circuit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_state", x => new { x.provider, x.node });
                });

            migrationBuilder.CreateTable(
                name: "enrichment_attempt",
                schema: "enrichment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    item_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    error_class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    duration_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrichment_attempt", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrichment_attempt_enrichment_item_item_id",
                        column: x => x.item_id,
                        principalSchema: "enrichment",
                        principalTable: "enrichment_item",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_alert_item_id",
                schema: "enrichment",
                table: "enrichment_alert",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_alert_open",
                schema: "enrichment",
                table: "enrichment_alert",
                column: "created_at",
                filter: "acknowledged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_attempt_at",
                schema: "enrichment",
                table: "enrichment_attempt",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_attempt_item_id_id",
                schema: "enrichment",
                table: "enrichment_attempt",
                columns: new[] { "item_id", "id" });

            migrationBuilder.CreateIndex(
                name: "idx_enrichment_pending",
                schema: "enrichment",
                table: "enrichment_item",
                column: "id",
                filter: "ai_confidence IS NULL OR ai_label IS NULL");

            migrationBuilder.CreateIndex(
                name: "idx_enrichment_retry",
                schema: "enrichment",
                table: "enrichment_item",
                column: "enrichment_retry_count",
                filter: "enrichment_retry_count > 0 AND enrichment_retry_count < 5");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_backfill_run_id_status",
                schema: "enrichment",
                table: "enrichment_item",
                columns: new[] { "backfill_run_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_claimed",
                schema: "enrichment",
                table: "enrichment_item",
                column: "claimed_until",
                filter: "status = 'in_progress'");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_company_unique_id_slot_type_id",
                schema: "enrichment",
                table: "enrichment_item",
                columns: new[] { "company_unique_id", "slot_type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_due",
                schema: "enrichment",
                table: "enrichment_item",
                column: "next_attempt_at",
                filter: "status IN ('pending', 'failed')");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_last_enrichment_attempt",
                schema: "enrichment",
                table: "enrichment_item",
                column: "last_enrichment_attempt");

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_routing_task_id",
                schema: "enrichment",
                table: "enrichment_item",
                column: "routing_task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrichment_item_status_last_error_class",
                schema: "enrichment",
                table: "enrichment_item",
                columns: new[] { "status", "last_error_class" });

            // Seed 002's integrity queries read `exception_records`: the enrichment items under that name.
            migrationBuilder.Sql("""
                CREATE VIEW public.exception_records AS
                SELECT id, source, company_unique_id, slot_type, status, ai_confidence, ai_label, enrichment_retry_count,
                       last_enrichment_attempt, next_attempt_at, escalated_at, created_at, updated_at
                  FROM enrichment.enrichment_item
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS public.exception_records");

            migrationBuilder.DropTable(
                name: "enrichment_alert",
                schema: "enrichment");

            migrationBuilder.DropTable(
                name: "enrichment_attempt",
                schema: "enrichment");

            migrationBuilder.DropTable(
                name: "provider_state",
                schema: "enrichment");

            migrationBuilder.DropTable(
                name: "enrichment_item",
                schema: "enrichment");
        }
    }
}
