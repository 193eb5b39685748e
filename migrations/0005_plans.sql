CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_date" date NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"view" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;