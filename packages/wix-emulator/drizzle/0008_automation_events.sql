CREATE TABLE "automation_events" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"trigger_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"external_entity_id" text,
	"idempotency_key" text,
	"idempotency_expires_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL,
	"canceled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "automation_events_key" ON "automation_events" USING btree ("app_id","trigger_key","idempotency_key");--> statement-breakpoint
CREATE INDEX "automation_events_reported" ON "automation_events" USING btree ("reported_at");