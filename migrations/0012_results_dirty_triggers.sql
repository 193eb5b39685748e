-- Team results: every statement that writes visits or verdicts notes where results changed, so the
-- rollup (results_daily) is refreshed cell by cell before the next read. Times are kept to 15
-- minutes (every zone's offset is a multiple of that), so a bulk write notes few rows; the old
-- time of an updated visit too, because a visit dated anew leaves its old day.
CREATE FUNCTION fv_results_dirty_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO results_dirty (collector_id, case_id, at)
  SELECT DISTINCT collector_id, CASE WHEN outcome = 'paid_official_channel' THEN case_id END,
    date_bin('15 minutes', coalesce(checked_in_at, recorded_at, checked_out_at), timestamptz '2000-01-01 00:00:00+00')
  FROM new_visits WHERE coalesce(checked_in_at, recorded_at, checked_out_at) IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION fv_results_dirty_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO results_dirty (collector_id, case_id, at)
  SELECT DISTINCT collector_id, CASE WHEN outcome = 'paid_official_channel' THEN case_id END,
    date_bin('15 minutes', coalesce(checked_in_at, recorded_at, checked_out_at), timestamptz '2000-01-01 00:00:00+00')
  FROM (SELECT * FROM old_visits UNION ALL SELECT * FROM new_visits) AS changed
  WHERE coalesce(checked_in_at, recorded_at, checked_out_at) IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER visits_results_insert AFTER INSERT ON visits REFERENCING NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION fv_results_dirty_inserted();
--> statement-breakpoint
CREATE TRIGGER visits_results_update AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION fv_results_dirty_updated();
--> statement-breakpoint
-- A verdict given or changed (a changed one is a new row) recounts the day of its visit.
CREATE FUNCTION fv_results_dirty_reviewed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO results_dirty (collector_id, case_id, at)
  SELECT DISTINCT v.collector_id, NULL::uuid,
    date_bin('15 minutes', coalesce(v.checked_in_at, v.recorded_at, v.checked_out_at), timestamptz '2000-01-01 00:00:00+00')
  FROM new_reviews r JOIN visits v ON v.id = r.visit_id
  WHERE coalesce(v.checked_in_at, v.recorded_at, v.checked_out_at) IS NOT NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER visit_reviews_results_insert AFTER INSERT ON visit_reviews REFERENCING NEW TABLE AS new_reviews FOR EACH STATEMENT EXECUTE FUNCTION fv_results_dirty_reviewed();
