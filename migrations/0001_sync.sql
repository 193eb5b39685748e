CREATE TABLE "photos" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size_bytes" integer NOT NULL,
	"content_type" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "route_stops" (
	"route_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"case_id" uuid NOT NULL,
	"address_id" uuid NOT NULL,
	"planned_arrival" timestamp (3) with time zone NOT NULL,
	"planned_departure" timestamp (3) with time zone NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"window_end" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "route_stops_route_id_sequence_pk" PRIMARY KEY("route_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"collector_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"published_at" timestamp (3) with time zone,
	"travel_seconds" integer DEFAULT 0 NOT NULL,
	"distance_m" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"xid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"collector_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"op" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_mutations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" text NOT NULL,
	"type" text NOT NULL,
	"payload_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"device_created_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_photos" (
	"visit_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"taken_at" timestamp (3) with time zone NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"accuracy_m" double precision,
	"caption" text,
	CONSTRAINT "visit_photos_visit_id_sha256_pk" PRIMARY KEY("visit_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"address_id" uuid NOT NULL,
	"collector_id" uuid NOT NULL,
	"checked_in_at" timestamp (3) with time zone,
	"check_in_received_at" timestamp (3) with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_in_accuracy_m" double precision,
	"check_in_distance_m" double precision,
	"recorded_at" timestamp (3) with time zone,
	"record_received_at" timestamp (3) with time zone,
	"outcome" text,
	"met_person" text,
	"third_party_statement" text,
	"ability_willingness" text,
	"family_situation" jsonb,
	"notes" text,
	"new_phone" text,
	"promise_amount" bigint,
	"promise_due_date" date,
	"promise_kind" text,
	"payment_amount" bigint,
	"payment_reference" text,
	"payment_channel" text,
	"checked_out_at" timestamp (3) with time zone,
	"check_out_received_at" timestamp (3) with time zone,
	"check_out_lat" double precision,
	"check_out_lng" double precision,
	"device_clock_skew_s" double precision,
	"expected_photos" integer DEFAULT 0 NOT NULL,
	"evidence_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence_score" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_amounts_check" CHECK (coalesce("visits"."promise_amount", 1) > 0 and coalesce("visits"."payment_amount", 1) > 0)
);
--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_address_id_case_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."case_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_collector_id_users_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD CONSTRAINT "sync_mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_address_id_case_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."case_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_collector_id_users_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routes_collector_date_idx" ON "routes" USING btree ("collector_id","service_date");--> statement-breakpoint
CREATE INDEX "sync_changes_collector_idx" ON "sync_changes" USING btree ("collector_id","xid","seq");--> statement-breakpoint
CREATE INDEX "sync_mutations_user_idx" ON "sync_mutations" USING btree ("user_id","received_at");--> statement-breakpoint
CREATE INDEX "visit_photos_sha256_idx" ON "visit_photos" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "visits_case_idx" ON "visits" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "visits_collector_check_in_idx" ON "visits" USING btree ("collector_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "visits_evidence_idx" ON "visits" USING btree ("evidence_score","id");