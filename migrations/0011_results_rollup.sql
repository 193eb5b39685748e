CREATE TABLE "results_daily" (
	"day" date NOT NULL,
	"collector_id" uuid NOT NULL,
	"done" integer NOT NULL,
	"contacts" integer NOT NULL,
	"promises" integer NOT NULL,
	"promises_kept" integer NOT NULL,
	"unkept_due_dates" date[] NOT NULL,
	"amount_promised" bigint NOT NULL,
	"amount_recovered" bigint NOT NULL,
	"anomalies" integer NOT NULL,
	"evidence_accepted" integer NOT NULL,
	"evidence_rejected" integer NOT NULL,
	"on_site_seconds" double precision NOT NULL,
	"on_site_visits" integer NOT NULL,
	CONSTRAINT "results_daily_day_collector_id_pk" PRIMARY KEY("day","collector_id")
);
--> statement-breakpoint
CREATE TABLE "results_dirty" (
	"collector_id" uuid NOT NULL,
	"case_id" uuid,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "results_rollup_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"rebuilt_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "results_daily" ADD CONSTRAINT "results_daily_collector_id_users_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "results_daily_collector_idx" ON "results_daily" USING btree ("collector_id","day");--> statement-breakpoint
CREATE INDEX "visits_collector_visited_idx" ON "visits" USING btree ("collector_id",coalesce("checked_in_at", "recorded_at", "checked_out_at"));--> statement-breakpoint
CREATE INDEX "visits_paid_case_idx" ON "visits" USING btree ("case_id") WHERE "visits"."outcome" = 'paid_official_channel';