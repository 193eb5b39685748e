DROP INDEX "visits_evidence_idx";--> statement-breakpoint
DROP INDEX "visits_outcome_evidence_idx";--> statement-breakpoint
DROP INDEX "visits_visit_time_idx";--> statement-breakpoint
CREATE INDEX "visits_queue_idx" ON "visits" USING btree ("evidence_score","id","outcome","collector_id","checked_in_at","recorded_at");