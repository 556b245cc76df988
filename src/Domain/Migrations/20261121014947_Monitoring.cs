using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_rule",
                schema: "ops",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    metric = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    comparison = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    warning_threshold = table.Column<double>(type: "double precision", nullable: true),
                    critical_threshold = table.Column<double>(type: "double precision", nullable: true),
                    for_minutes = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_rule", x => x.id);
                    table.CheckConstraint("ck_alert_rule_comparison", "comparison IN ('below', 'above')");
                });

            migrationBuilder.CreateTable(
                name: "metric_hourly",
                schema: "ops",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    samples = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_hourly", x => new { x.name, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "metric_sample",
                schema: "ops",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_sample", x => new { x.name, x.at });
                });

            migrationBuilder.CreateTable(
                name: "alert",
                schema: "ops",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_id = table.Column<long>(type: "bigint", nullable: false),
                    metric = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    severity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    firing_notified = table.Column<bool>(type: "boolean", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "text", nullable: true),
                    acknowledge_comment = table.Column<string>(type: "text", nullable: true),
                    silenced_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    silenced_by = table.Column<string>(type: "text", nullable: true),
                    silence_reason = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert", x => x.id);
                    table.CheckConstraint("ck_alert_state", "state IN ('pending', 'firing', 'resolved')");
                    table.ForeignKey(
                        name: "fk_alert_alert_rule_rule_id",
                        column: x => x.rule_id,
                        principalSchema: "ops",
                        principalTable: "alert_rule",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_notification",
                schema: "ops",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(20)", maxLength: 20, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_notification", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_notification_alert_alert_id",
                        column: x => x.alert_id,
                        principalSchema: "ops",
                        principalTable: "alert",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "ops",
                table: "alert_rule",
                columns: new[] { "id", "comparison", "critical_threshold", "enabled", "for_minutes", "metric", "name", "updated_at", "updated_by", "warning_threshold" },
                values: new object[,]
                {
                    { 1L, "below", 70.0, true, 0, "enrichment_completeness_rate", "Enrichment completeness", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 85.0 },
                    { 2L, "below", 60.0, true, 0, "enrichment_quality_score", "Enrichment quality", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 80.0 },
                    { 3L, "above", 1000.0, true, 0, "enrichment_backlog_size", "Enrichment backlog", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", null },
                    { 4L, "above", 20.0, true, 0, "enrichment_failure_rate", "Enrichment failure rate", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 5.0 },
                    { 5L, "below", null, true, 0, "slot_fill_rate_ceo", "CEO fill rate below target", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 80.0 },
                    { 6L, "below", null, true, 0, "slot_fill_rate_cfo", "CFO fill rate below target", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 70.0 },
                    { 7L, "below", null, true, 0, "slot_fill_rate_hr", "HR fill rate below target", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 60.0 },
                    { 8L, "above", null, true, 0, "backfill_failed_runs_24h", "Failed legacy imports", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 0.0 },
                    { 9L, "above", 100.0, true, 0, "enrichment_dead_letter_items", "Dead-lettered enrichment items", new DateTimeOffset(new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "defaults", 0.0 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_state_started_at",
                schema: "ops",
                table: "alert",
                columns: new[] { "state", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ux_alert_active_per_rule",
                schema: "ops",
                table: "alert",
                column: "rule_id",
                unique: true,
                filter: "state IN ('pending', 'firing')");

            migrationBuilder.CreateIndex(
                name: "ix_alert_notification_alert_id",
                schema: "ops",
                table: "alert_notification",
                column: "alert_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_notification_due",
                schema: "ops",
                table: "alert_notification",
                column: "next_attempt_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_alert_rule_name",
                schema: "ops",
                table: "alert_rule",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_metric_sample_at",
                schema: "ops",
                table: "metric_sample",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_notification",
                schema: "ops");

            migrationBuilder.DropTable(
                name: "metric_hourly",
                schema: "ops");

            migrationBuilder.DropTable(
                name: "metric_sample",
                schema: "ops");

            migrationBuilder.DropTable(
                name: "alert",
                schema: "ops");

            migrationBuilder.DropTable(
                name: "alert_rule",
                schema: "ops");
        }
    }
}
