ALTER TABLE "throttle_counters" ADD COLUMN "blocked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "throttle_counters" ADD COLUMN "expires_at" timestamp with time zone;