using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class LeadershipSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "public");

            migrationBuilder.EnsureSchema(
                name: "marketing");

            migrationBuilder.EnsureSchema(
                name: "intake");

            migrationBuilder.CreateTable(
                name: "agent_routing_log",
                schema: "public",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    record_type = table.Column<string>(type: "text", nullable: false),
                    record_id = table.Column<string>(type: "text", nullable: false),
                    garage_bay = table.Column<string>(type: "text", nullable: true),
                    agent_name = table.Column<string>(type: "text", nullable: true),
                    routing_reason = table.Column<string>(type: "text", nullable: true),
                    routed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_unique_id = table.Column<string>(type: "text", nullable: true),
                    slot_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    enrichment_attempt = table.Column<int>(type: "integer", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    result = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_routing_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "company_master",
                schema: "marketing",
                columns: table => new
                {
                    company_unique_id = table.Column<string>(type: "text", nullable: false),
                    company_name = table.Column<string>(type: "text", nullable: false),
                    domain = table.Column<string>(type: "text", nullable: true),
                    website_url = table.Column<string>(type: "text", nullable: true),
                    industry = table.Column<string>(type: "text", nullable: true),
                    employee_count = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    search_text = table.Column<string>(type: "text", nullable: true, computedColumnSql: "lower(company_name || ' ' || coalesce(domain, ''))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_master", x => x.company_unique_id);
                });

            migrationBuilder.CreateTable(
                name: "job_watermark",
                schema: "ops",
                columns: table => new
                {
                    job_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    watermark = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    backfilled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    metadata = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_watermark", x => new { x.job_name, x.entity });
                });

            migrationBuilder.CreateTable(
                name: "people_raw_intake",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_unique_id = table.Column<string>(type: "text", nullable: false),
                    company_name = table.Column<string>(type: "text", nullable: true),
                    source_system = table.Column<string>(type: "text", nullable: false),
                    slot_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    backfill_source = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    enrichment_attempt = table.Column<int>(type: "integer", nullable: true),
                    validated = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    full_name = table.Column<string>(type: "text", nullable: true),
                    first_name = table.Column<string>(type: "text", nullable: true),
                    last_name = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    linkedin_url = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people_raw_intake", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "company_slot_history",
                schema: "marketing",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_unique_id = table.Column<string>(type: "text", nullable: false),
                    slot_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    person_unique_id = table.Column<string>(type: "text", nullable: true),
                    enrichment_attempts = table.Column<int>(type: "integer", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_slot_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_company_slot_history_company_master_company_unique_id",
                        column: x => x.company_unique_id,
                        principalSchema: "marketing",
                        principalTable: "company_master",
                        principalColumn: "company_unique_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people_master",
                schema: "marketing",
                columns: table => new
                {
                    unique_id = table.Column<string>(type: "text", nullable: false),
                    company_unique_id = table.Column<string>(type: "text", nullable: false),
                    first_name = table.Column<string>(type: "text", nullable: true),
                    last_name = table.Column<string>(type: "text", nullable: true),
                    full_name = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    linkedin_url = table.Column<string>(type: "text", nullable: true),
                    locked_fields = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]"),
                    manual_overrides = table.Column<string>(type: "jsonb", nullable: true),
                    manually_corrected_email = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    manually_corrected_title = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    manually_corrected_domain = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    notes_internal = table.Column<string>(type: "text", nullable: true),
                    slot_types = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]"),
                    classified_title = table.Column<string>(type: "text", nullable: true),
                    source_system = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people_master", x => x.unique_id);
                    table.ForeignKey(
                        name: "fk_people_master_company_master_company_unique_id",
                        column: x => x.company_unique_id,
                        principalSchema: "marketing",
                        principalTable: "company_master",
                        principalColumn: "company_unique_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "company_slot",
                schema: "marketing",
                columns: table => new
                {
                    company_slot_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_unique_id = table.Column<string>(type: "text", nullable: false),
                    slot_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    person_unique_id = table.Column<string>(type: "text", nullable: true),
                    is_filled = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enrichment_attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    candidate_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    attempts_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "'-infinity'::timestamptz"),
                    filled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_changed_by_run_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_slot", x => x.company_slot_id);
                    table.CheckConstraint("ck_company_slot_slot_type", "slot_type IN ('CEO', 'CFO', 'HR')");
                    table.CheckConstraint("ck_company_slot_status", "status IN ('filled', 'open', 'closed_missing')");
                    table.ForeignKey(
                        name: "fk_company_slot_company_master_company_unique_id",
                        column: x => x.company_unique_id,
                        principalSchema: "marketing",
                        principalTable: "company_master",
                        principalColumn: "company_unique_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_company_slot_people_master_person_unique_id",
                        column: x => x.person_unique_id,
                        principalSchema: "marketing",
                        principalTable: "people_master",
                        principalColumn: "unique_id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_routing_log_company_unique_id_slot_type",
                schema: "public",
                table: "agent_routing_log",
                columns: new[] { "company_unique_id", "slot_type" });

            migrationBuilder.CreateIndex(
                name: "ix_agent_routing_log_record_id",
                schema: "public",
                table: "agent_routing_log",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_agent_routing_log_record_type_routed_at",
                schema: "public",
                table: "agent_routing_log",
                columns: new[] { "record_type", "routed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_agent_routing_log_status_record_type",
                schema: "public",
                table: "agent_routing_log",
                columns: new[] { "status", "record_type" });

            migrationBuilder.CreateIndex(
                name: "ux_agent_routing_log_one_task_per_slot_attempt",
                schema: "public",
                table: "agent_routing_log",
                columns: new[] { "company_unique_id", "slot_type", "enrichment_attempt" },
                unique: true,
                filter: "record_type = 'person_slot_backfill'");

            migrationBuilder.CreateIndex(
                name: "ix_company_master_company_name",
                schema: "marketing",
                table: "company_master",
                column: "company_name");

            migrationBuilder.CreateIndex(
                name: "ix_company_master_domain",
                schema: "marketing",
                table: "company_master",
                column: "domain");

            migrationBuilder.CreateIndex(
                name: "ix_company_master_search_text",
                schema: "marketing",
                table: "company_master",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_company_master_updated_at",
                schema: "marketing",
                table: "company_master",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_company_slot_company_unique_id_slot_type",
                schema: "marketing",
                table: "company_slot",
                columns: new[] { "company_unique_id", "slot_type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_company_slot_person_unique_id",
                schema: "marketing",
                table: "company_slot",
                column: "person_unique_id");

            migrationBuilder.CreateIndex(
                name: "ix_company_slot_slot_type_status",
                schema: "marketing",
                table: "company_slot",
                columns: new[] { "slot_type", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_company_slot_history_company_unique_id_slot_type_changed_at",
                schema: "marketing",
                table: "company_slot_history",
                columns: new[] { "company_unique_id", "slot_type", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_people_master_company_unique_id",
                schema: "marketing",
                table: "people_master",
                column: "company_unique_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_master_email",
                schema: "marketing",
                table: "people_master",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_people_master_linkedin_url",
                schema: "marketing",
                table: "people_master",
                column: "linkedin_url");

            migrationBuilder.CreateIndex(
                name: "ix_people_master_updated_at",
                schema: "marketing",
                table: "people_master",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "idx_people_raw_intake_backfill_source",
                schema: "intake",
                table: "people_raw_intake",
                column: "backfill_source");

            migrationBuilder.CreateIndex(
                name: "idx_people_raw_intake_slot_type",
                schema: "intake",
                table: "people_raw_intake",
                column: "slot_type");

            migrationBuilder.CreateIndex(
                name: "idx_people_raw_intake_unique_slot_backfill",
                schema: "intake",
                table: "people_raw_intake",
                columns: new[] { "company_unique_id", "slot_type" },
                unique: true,
                filter: "source_system = 'slot_backfill' AND validated = FALSE");

            migrationBuilder.CreateIndex(
                name: "ix_people_raw_intake_company_unique_id",
                schema: "intake",
                table: "people_raw_intake",
                column: "company_unique_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_routing_log",
                schema: "public");

            migrationBuilder.DropTable(
                name: "company_slot",
                schema: "marketing");

            migrationBuilder.DropTable(
                name: "company_slot_history",
                schema: "marketing");

            migrationBuilder.DropTable(
                name: "job_watermark",
                schema: "ops");

            migrationBuilder.DropTable(
                name: "people_raw_intake",
                schema: "intake");

            migrationBuilder.DropTable(
                name: "people_master",
                schema: "marketing");

            migrationBuilder.DropTable(
                name: "company_master",
                schema: "marketing");
        }
    }
}
