CREATE TABLE "case_risk" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"ability_willingness" text,
	"visit_id" uuid NOT NULL,
	"assessed_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_deliveries" (
	"signal_id" uuid PRIMARY KEY NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_signals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "risk_signals_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"xid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"case_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_on" date,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp (3) with time zone,
	"acknowledged_by" uuid,
	"acknowledgement_note" text,
	"closed_at" timestamp (3) with time zone,
	"closed_reason" text,
	CONSTRAINT "risk_signals_visit_type_key" UNIQUE("visit_id","type"),
	CONSTRAINT "risk_signals_status_check" CHECK ("risk_signals"."status" in ('open', 'acknowledged', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "case_risk" ADD CONSTRAINT "case_risk_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_risk" ADD CONSTRAINT "case_risk_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_deliveries" ADD CONSTRAINT "risk_deliveries_signal_id_risk_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."risk_signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signals" ADD CONSTRAINT "risk_signals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signals" ADD CONSTRAINT "risk_signals_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signals" ADD CONSTRAINT "risk_signals_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_deliveries_due_idx" ON "risk_deliveries" USING btree ("next_attempt_at") WHERE "risk_deliveries"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "risk_signals_feed_idx" ON "risk_signals" USING btree ("xid","seq");--> statement-breakpoint
CREATE INDEX "risk_signals_board_idx" ON "risk_signals" USING btree ("status","severity","created_at");--> statement-breakpoint
CREATE INDEX "risk_signals_case_idx" ON "risk_signals" USING btree ("case_id","type");