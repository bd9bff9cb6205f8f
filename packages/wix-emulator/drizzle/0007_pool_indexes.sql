ALTER TABLE "bp_pools" ADD COLUMN "member_id" text GENERATED ALWAYS AS (data #>> '{beneficiary,memberId}') STORED;--> statement-breakpoint
CREATE INDEX "bp_pools_member" ON "bp_pools" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "bp_pools_id" ON "bp_pools" USING btree ("id" collate "C");