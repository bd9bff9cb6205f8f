ALTER TABLE "data_items" ADD COLUMN "visible_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "data_items" ADD COLUMN "previous" jsonb;--> statement-breakpoint
ALTER TABLE "data_items" ADD COLUMN "previous_queryable" jsonb;--> statement-breakpoint
ALTER TABLE "data_items" ADD COLUMN "removed" boolean DEFAULT false NOT NULL;