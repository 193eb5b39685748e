CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"visit_id" uuid,
	"collector_id" uuid NOT NULL,
	"case_id" uuid,
	"source" text NOT NULL,
	"channel" text NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"assignee_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_at" timestamp (3) with time zone,
	"resolved_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_resolution_check" CHECK ("complaints"."status" <> 'resolved' or (length(trim(coalesce("complaints"."resolution", ''))) > 0 and "complaints"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "review_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"raised_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_alerts_visit_kind_key" UNIQUE("visit_id","kind")
);
--> statement-breakpoint
CREATE TABLE "revisit_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"address_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "visit_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"reviewer_id" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"replaces_id" uuid,
	"current" boolean DEFAULT true NOT NULL,
	CONSTRAINT "visit_reviews_decision_check" CHECK (("visit_reviews"."subject" = 'evidence' and "visit_reviews"."decision" in ('accepted', 'rejected', 'revisit')) or ("visit_reviews"."subject" = 'settlement' and "visit_reviews"."decision" in ('approved', 'refused'))),
	CONSTRAINT "visit_reviews_reason_check" CHECK ("visit_reviews"."decision" in ('accepted', 'approved') or length(trim(coalesce("visit_reviews"."reason", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_collector_id_users_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_alerts" ADD CONSTRAINT "review_alerts_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_requests" ADD CONSTRAINT "revisit_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_requests" ADD CONSTRAINT "revisit_requests_address_id_case_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."case_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_requests" ADD CONSTRAINT "revisit_requests_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_requests" ADD CONSTRAINT "revisit_requests_review_id_visit_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."visit_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_requests" ADD CONSTRAINT "revisit_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reviews" ADD CONSTRAINT "visit_reviews_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reviews" ADD CONSTRAINT "visit_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_visit_idx" ON "complaints" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "complaints_collector_idx" ON "complaints" USING btree ("collector_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "revisit_requests_case_idx" ON "revisit_requests" USING btree ("case_id","requested_at");--> statement-breakpoint
CREATE INDEX "revisit_requests_review_idx" ON "revisit_requests" USING btree ("review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_reviews_current_key" ON "visit_reviews" USING btree ("visit_id","subject") WHERE "visit_reviews"."current";--> statement-breakpoint
CREATE INDEX "visit_reviews_visit_idx" ON "visit_reviews" USING btree ("visit_id","decided_at");--> statement-breakpoint
CREATE INDEX "visits_on_site_idx" ON "visits" USING btree ("checked_in_at") WHERE "visits"."checked_out_at" is null and "visits"."checked_in_at" is not null;