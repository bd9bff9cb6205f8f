CREATE TABLE "data_collections" (
	"id" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_items" (
	"collection_id" text NOT NULL,
	"item_id" text NOT NULL,
	"item" jsonb NOT NULL,
	"queryable" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "data_items_collection_id_item_id_pk" PRIMARY KEY("collection_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "site_properties" (
	"id" integer PRIMARY KEY NOT NULL,
	"properties" jsonb NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "data_items_by_creation" ON "data_items" USING btree ("collection_id","created_at","seq");