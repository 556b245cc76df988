using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations
{
    /// <inheritdoc />
    public partial class SlotStatusCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Slot counts per type and status, kept by statement-level triggers from each statement's changed rows, so
            // that the Slots page reads nine rows instead of aggregating every slot on each view.
            migrationBuilder.Sql("""
                CREATE TABLE marketing.company_slot_count (
                    slot_type character varying(10) NOT NULL,
                    status character varying(20) NOT NULL,
                    slots bigint NOT NULL,
                    PRIMARY KEY (slot_type, status));

                INSERT INTO marketing.company_slot_count (slot_type, status, slots)
                SELECT slot_type, status, count(*) FROM marketing.company_slot GROUP BY slot_type, status;

                CREATE FUNCTION marketing.company_slot_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- Status changes as deltas per (type, status), in a fixed order so that concurrent writers lock the counters alike.
                    INSERT INTO marketing.company_slot_count AS c (slot_type, status, slots)
                    SELECT slot_type, status, sum(n) FROM (
                        SELECT slot_type, status, count(*) AS n FROM new_rows GROUP BY slot_type, status
                        UNION ALL
                        SELECT slot_type, status, -count(*) FROM old_rows GROUP BY slot_type, status) d
                     GROUP BY slot_type, status HAVING sum(n) <> 0 ORDER BY slot_type, status
                    ON CONFLICT (slot_type, status) DO UPDATE SET slots = c.slots + EXCLUDED.slots;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION marketing.company_slot_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO marketing.company_slot_count AS c (slot_type, status, slots)
                    SELECT slot_type, status, count(*) FROM new_rows GROUP BY slot_type, status ORDER BY slot_type, status
                    ON CONFLICT (slot_type, status) DO UPDATE SET slots = c.slots + EXCLUDED.slots;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION marketing.company_slot_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE marketing.company_slot_count c SET slots = c.slots - d.n
                      FROM (SELECT slot_type, status, count(*) AS n FROM old_rows GROUP BY slot_type, status) d
                     WHERE c.slot_type = d.slot_type AND c.status = d.status;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION marketing.company_slot_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM marketing.company_slot_count;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER company_slot_count_insert AFTER INSERT ON marketing.company_slot
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION marketing.company_slot_count_insert();
                CREATE TRIGGER company_slot_count_update AFTER UPDATE ON marketing.company_slot
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION marketing.company_slot_count_update();
                CREATE TRIGGER company_slot_count_delete AFTER DELETE ON marketing.company_slot
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION marketing.company_slot_count_delete();
                CREATE TRIGGER company_slot_count_truncate AFTER TRUNCATE ON marketing.company_slot
                    FOR EACH STATEMENT EXECUTE FUNCTION marketing.company_slot_count_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER company_slot_count_insert ON marketing.company_slot;
                DROP TRIGGER company_slot_count_update ON marketing.company_slot;
                DROP TRIGGER company_slot_count_delete ON marketing.company_slot;
                DROP TRIGGER company_slot_count_truncate ON marketing.company_slot;
                DROP FUNCTION marketing.company_slot_count_update();
                DROP FUNCTION marketing.company_slot_count_insert();
                DROP FUNCTION marketing.company_slot_count_delete();
                DROP FUNCTION marketing.company_slot_count_truncate();
                DROP TABLE marketing.company_slot_count;
                """);
        }
    }
}
