using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class BackfillRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "garage");

            migrationBuilder.CreateTable(
                name: "backfill_import",
                schema: "ops",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    file_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_size = table.Column<long>(type: "bigint", nullable: false),
                    row_count = table.Column<int>(type: "integer", nullable: true),
                    dry_run = table.Column<bool>(type: "boolean", nullable: false),
                    normalization_rules_version_id = table.Column<long>(type: "bigint", nullable: true),
                    matching_thresholds_version_id = table.Column<long>(type: "bigint", nullable: true),
                    bit_scoring_version_id = table.Column<long>(type: "bigint", nullable: true),
                    checkpoint = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_backfill_import", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bit_baseline_snapshot",
                schema: "public",
                columns: table => new
                {
                    baseline_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_unique_id = table.Column<string>(type: "text", nullable: false),
                    company_unique_id = table.Column<string>(type: "text", nullable: true),
                    historical_open_count = table.Column<int>(type: "integer", nullable: false),
                    historical_reply_count = table.Column<int>(type: "integer", nullable: false),
                    historical_meeting_count = table.Column<int>(type: "integer", nullable: false),
                    last_engaged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    baseline_score = table.Column<int>(type: "integer", nullable: false),
                    baseline_tier = table.Column<string>(type: "text", nullable: false),
                    signals_generated = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    source = table.Column<string>(type: "text", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: true),
                    import_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bit_baseline_snapshot", x => x.baseline_id);
                    table.ForeignKey(
                        name: "fk_bit_baseline_snapshot_people_master_person_unique_id",
                        column: x => x.person_unique_id,
                        principalSchema: "marketing",
                        principalTable: "people_master",
                        principalColumn: "unique_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bit_signal",
                schema: "public",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_unique_id = table.Column<string>(type: "text", nullable: false),
                    company_unique_id = table.Column<string>(type: "text", nullable: true),
                    signal_type = table.Column<string>(type: "text", nullable: false),
                    source_type = table.Column<string>(type: "text", nullable: false),
                    signal_count = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    scored = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    metadata = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bit_signal", x => x.id);
                    table.ForeignKey(
                        name: "fk_bit_signal_people_master_person_unique_id",
                        column: x => x.person_unique_id,
                        principalSchema: "marketing",
                        principalTable: "people_master",
                        principalColumn: "unique_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "config_version",
                schema: "ops",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_config_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "talent_flow_baseline",
                schema: "public",
                columns: table => new
                {
                    baseline_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_unique_id = table.Column<string>(type: "text", nullable: false),
                    enrichment_hash = table.Column<string>(type: "text", nullable: false),
                    snapshot_data = table.Column<string>(type: "jsonb", nullable: false),
                    baseline_date = table.Column<DateOnly>(type: "date", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    metadata = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_talent_flow_baseline", x => x.baseline_id);
                    table.ForeignKey(
                        name: "fk_talent_flow_baseline_people_master_person_unique_id",
                        column: x => x.person_unique_id,
                        principalSchema: "marketing",
                        principalTable: "people_master",
                        principalColumn: "unique_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "backfill_log",
                schema: "public",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    source_row_hash = table.Column<string>(type: "text", nullable: false),
                    source_data = table.Column<string>(type: "jsonb", nullable: true),
                    match_type = table.Column<string>(type: "text", nullable: true),
                    match_confidence = table.Column<decimal>(type: "numeric(5,3)", precision: 5, scale: 3, nullable: true),
                    matched_company_id = table.Column<string>(type: "text", nullable: true),
                    matched_person_id = table.Column<string>(type: "text", nullable: true),
                    resolution_status = table.Column<string>(type: "text", nullable: false),
                    actions_taken = table.Column<string>(type: "jsonb", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    worker_id = table.Column<string>(type: "text", nullable: true),
                    process_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_backfill_log", x => x.id);
                    table.CheckConstraint("ck_backfill_log_resolution_status", "resolution_status IN ('initialized', 'unresolved', 'duplicate', 'error', 'skipped_locked')");
                    table.ForeignKey(
                        name: "fk_backfill_log_backfill_import_import_id",
                        column: x => x.import_id,
                        principalSchema: "ops",
                        principalTable: "backfill_import",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "missing_parts",
                schema: "garage",
                columns: table => new
                {
                    missing_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "text", nullable: false),
                    issue_type = table.Column<string>(type: "text", nullable: false),
                    source_data = table.Column<string>(type: "jsonb", nullable: true),
                    match_attempts = table.Column<string>(type: "jsonb", nullable: true),
                    confidence_score = table.Column<decimal>(type: "numeric(5,3)", precision: 5, scale: 3, nullable: true),
                    resolved = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "text", nullable: true),
                    resolution = table.Column<string>(type: "text", nullable: true),
                    resolution_note = table.Column<string>(type: "text", nullable: true),
                    import_id = table.Column<long>(type: "bigint", nullable: true),
                    backfill_log_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missing_parts", x => x.missing_id);
                    table.ForeignKey(
                        name: "fk_missing_parts_backfill_import_import_id",
                        column: x => x.import_id,
                        principalSchema: "ops",
                        principalTable: "backfill_import",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_backfill_import_file_hash",
                schema: "ops",
                table: "backfill_import",
                column: "file_hash");

            migrationBuilder.CreateIndex(
                name: "ix_backfill_import_run_id",
                schema: "ops",
                table: "backfill_import",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_backfill_log_import_id_resolution_status",
                schema: "public",
                table: "backfill_log",
                columns: new[] { "import_id", "resolution_status" });

            migrationBuilder.CreateIndex(
                name: "ix_backfill_log_import_id_row_number",
                schema: "public",
                table: "backfill_log",
                columns: new[] { "import_id", "row_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_backfill_log_source_row_hash",
                schema: "public",
                table: "backfill_log",
                column: "source_row_hash");

            migrationBuilder.CreateIndex(
                name: "ix_bit_baseline_snapshot_import_id",
                schema: "public",
                table: "bit_baseline_snapshot",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_bit_baseline_snapshot_person_unique_id",
                schema: "public",
                table: "bit_baseline_snapshot",
                column: "person_unique_id");

            migrationBuilder.CreateIndex(
                name: "ix_bit_signal_person_unique_id",
                schema: "public",
                table: "bit_signal",
                column: "person_unique_id");

            migrationBuilder.CreateIndex(
                name: "ix_bit_signal_scored_source_type",
                schema: "public",
                table: "bit_signal",
                columns: new[] { "scored", "source_type" });

            migrationBuilder.CreateIndex(
                name: "ix_config_version_kind_version",
                schema: "ops",
                table: "config_version",
                columns: new[] { "kind", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_missing_parts_backfill_log_id",
                schema: "garage",
                table: "missing_parts",
                column: "backfill_log_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_missing_parts_import_id",
                schema: "garage",
                table: "missing_parts",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_missing_parts_resolved_issue_type_confidence_score",
                schema: "garage",
                table: "missing_parts",
                columns: new[] { "resolved", "issue_type", "confidence_score" });

            migrationBuilder.CreateIndex(
                name: "ix_talent_flow_baseline_person_unique_id",
                schema: "public",
                table: "talent_flow_baseline",
                column: "person_unique_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backfill_log",
                schema: "public");

            migrationBuilder.DropTable(
                name: "bit_baseline_snapshot",
                schema: "public");

            migrationBuilder.DropTable(
                name: "bit_signal",
                schema: "public");

            migrationBuilder.DropTable(
                name: "config_version",
                schema: "ops");

            migrationBuilder.DropTable(
                name: "missing_parts",
                schema: "garage");

            migrationBuilder.DropTable(
                name: "talent_flow_baseline",
                schema: "public");

            migrationBuilder.DropTable(
                name: "backfill_import",
                schema: "ops");
        }
    }
}
