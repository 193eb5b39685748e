CREATE TABLE "socket_io_attachments" (
	"id" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"payload" "bytea",
	CONSTRAINT "socket_io_attachments_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "collectors" ADD COLUMN "last_lat" double precision;--> statement-breakpoint
ALTER TABLE "collectors" ADD COLUMN "last_lng" double precision;--> statement-breakpoint
ALTER TABLE "collectors" ADD COLUMN "last_accuracy_m" double precision;--> statement-breakpoint
ALTER TABLE "collectors" ADD COLUMN "last_position_at" timestamp (3) with time zone;