-- A visit written by any code path tells the server instances which collector's cases it was
-- about, once per statement (a push writes its visits in one statement), after commit. Each
-- instance relays it to the dispatchers watching that collector ('dispatch:changed').
CREATE FUNCTION fv_signal_visits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch record;
BEGIN
  FOR batch IN SELECT collector_id, array_agg(DISTINCT case_id) AS case_ids FROM changed_visits GROUP BY collector_id LOOP
    -- A NOTIFY payload must stay under 8000 bytes: at most 100 case ids (~4 KB) each.
    FOR chunk IN 0 .. (array_length(batch.case_ids, 1) - 1) / 100 LOOP
      PERFORM pg_notify('fv_visits', json_build_object('collectorId', batch.collector_id, 'caseIds', batch.case_ids[chunk * 100 + 1 : chunk * 100 + 100])::text);
    END LOOP;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER visits_signal_insert AFTER INSERT ON visits REFERENCING NEW TABLE AS changed_visits FOR EACH STATEMENT EXECUTE FUNCTION fv_signal_visits();
--> statement-breakpoint
CREATE TRIGGER visits_signal_update AFTER UPDATE ON visits REFERENCING NEW TABLE AS changed_visits FOR EACH STATEMENT EXECUTE FUNCTION fv_signal_visits();
