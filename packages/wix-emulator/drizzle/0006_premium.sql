CREATE TABLE "app_instances" (
	"app_id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "premium_entities" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"app_id" text NOT NULL,
	"unique_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "premium_offering_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "premium_order_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "premium_entities_unique_key" ON "premium_entities" USING btree ("kind","app_id","unique_key");--> statement-breakpoint
CREATE INDEX "premium_entities_kind" ON "premium_entities" USING btree ("kind","app_id");