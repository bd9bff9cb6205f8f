CREATE TABLE "emu_apps" (
	"app_id" text PRIMARY KEY NOT NULL,
	"webhook_url" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emu_clock" (
	"id" integer PRIMARY KEY NOT NULL,
	"offset_ms" bigint DEFAULT 0 NOT NULL,
	"frozen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "emu_idempotency" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emu_idempotency_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "emu_site_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emu_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"identity" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emu_webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"event_type" text NOT NULL,
	"entity_id" text,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bp_balances" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bp_items" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"namespace" text NOT NULL,
	"item_set_id" text NOT NULL,
	"external_id" text NOT NULL,
	"provider_app_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bp_pool_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"namespace" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bp_pools" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"namespace" text NOT NULL,
	"program_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bp_program_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"namespace" text NOT NULL,
	"external_id" text
);
--> statement-breakpoint
CREATE TABLE "bp_programs" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"namespace" text NOT NULL,
	"external_id" text
);
--> statement-breakpoint
CREATE TABLE "bp_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"pool_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members_members" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"login_email" text
);
--> statement-breakpoint
CREATE TABLE "stores_products" (
	"id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bp_items_in_set" ON "bp_items" USING btree ("namespace","item_set_id","provider_app_id","external_id");--> statement-breakpoint
CREATE INDEX "bp_items_external" ON "bp_items" USING btree ("external_id","provider_app_id");--> statement-breakpoint
CREATE INDEX "bp_pool_definitions_namespace" ON "bp_pool_definitions" USING btree ("namespace");--> statement-breakpoint
CREATE INDEX "bp_pools_program" ON "bp_pools" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bp_program_definitions_external_id" ON "bp_program_definitions" USING btree ("namespace","external_id") WHERE external_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bp_programs_external_id" ON "bp_programs" USING btree ("namespace","external_id") WHERE external_id is not null;--> statement-breakpoint
CREATE INDEX "bp_transactions_pool" ON "bp_transactions" USING btree ("pool_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "members_login_email" ON "members_members" USING btree ("login_email") WHERE login_email is not null;