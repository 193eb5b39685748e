ALTER TABLE "case_notes" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Notes collectors wrote before this column: attributed by the author's name when exactly one collector bears it (a wrong match only hides a note from other collectors, never shows one).
UPDATE "case_notes" AS n SET "author_id" = u."id" FROM "users" AS u WHERE n."channel" = 'visit' AND u."role" = 'collector' AND u."display_name" = n."author" AND (SELECT count(*) FROM "users" AS v WHERE v."display_name" = n."author") = 1;
