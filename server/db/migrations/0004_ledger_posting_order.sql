CREATE SEQUENCE "public"."ledger_posting_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "posting_seq" bigint DEFAULT nextval('ledger_posting_seq') NOT NULL;--> statement-breakpoint
-- Written by hand after drizzle-kit's two statements above. Lines posted before this column
-- existed: their best-known posting order is the write that brought them (version), then date,
-- then id; the sequence then goes on after them.
UPDATE "ledger_entries" AS l SET "posting_seq" = o.n FROM (SELECT "id", row_number() OVER (ORDER BY "version", "date", "id") AS n FROM "ledger_entries") AS o WHERE l."id" = o."id";--> statement-breakpoint
SELECT setval('"public"."ledger_posting_seq"', (SELECT coalesce(max("posting_seq"), 0) + 1 FROM "ledger_entries"), false);--> statement-breakpoint
-- Desktops cached those lines without a posting order: a new version per tenant sends them again
-- on the next sync (the feed's cursor compares versions).
UPDATE "tenants" SET "sync_version" = "sync_version" + 1 WHERE "id" IN (SELECT "tenant_id" FROM "ledger_entries" WHERE NOT "deleted");--> statement-breakpoint
UPDATE "ledger_entries" AS l SET "version" = t."sync_version" FROM "tenants" AS t WHERE l."tenant_id" = t."id" AND NOT l."deleted";
