#!/usr/bin/env python3
"""Adds seed 002's `public.exception_records` view to the generated AddEnrichmentPipeline migration.

EF Core does not model views; run this after `dotnet run --project tools/Migrations -- add AddEnrichmentPipeline`.
"""
import glob
import sys

CREATE = '''
            // Seed 002's integrity queries read `exception_records`: the enrichment items under that name.
            migrationBuilder.Sql("""
                CREATE VIEW public.exception_records AS
                SELECT id, source, company_unique_id, slot_type, status, ai_confidence, ai_label, enrichment_retry_count,
                       last_enrichment_attempt, next_attempt_at, escalated_at, created_at, updated_at
                  FROM enrichment.enrichment_item
                """);
'''
DROP = '''            migrationBuilder.Sql("DROP VIEW IF EXISTS public.exception_records");

'''

files = glob.glob("src/Domain/Migrations/*_AddEnrichmentPipeline.cs")
if len(files) != 1:
    sys.exit(f"expected one AddEnrichmentPipeline migration, found {files}")
path = files[0]
text = open(path, encoding="utf-8-sig").read()
if "exception_records" in text:
    sys.exit(0)
up_end = text.index("        }\n\n        /// <inheritdoc />\n        protected override void Down")
text = text[:up_end] + CREATE + text[up_end:]
down_start = text.index("protected override void Down(MigrationBuilder migrationBuilder)\n        {\n") + len("protected override void Down(MigrationBuilder migrationBuilder)\n        {\n")
text = text[:down_start] + DROP + text[down_start:]
open(path, "w", encoding="utf-8-sig").write(text)
