CREATE TABLE "bp_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"settled" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "bp_jobs_unsettled" ON "bp_jobs" USING btree ("settled","started_at");--> statement-breakpoint
CREATE INDEX "bp_jobs_program" ON "bp_jobs" USING btree ("program_id");