-- Every change to what a collector's device must hold becomes a sync_changes row, whatever
-- code path made it (assignment, re-import, a visit, a closure), and wakes the server
-- instances through NOTIFY so they can nudge the device.
CREATE FUNCTION fv_record_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  now_visible boolean := NEW.assigned_collector_id IS NOT NULL AND NEW.status IN ('assigned', 'visited');
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.assigned_collector_id IS NOT NULL AND OLD.status IN ('assigned', 'visited')
     AND (NOT now_visible OR OLD.assigned_collector_id IS DISTINCT FROM NEW.assigned_collector_id) THEN
    INSERT INTO sync_changes (collector_id, case_id, op) VALUES (OLD.assigned_collector_id, NEW.id, 'remove');
    PERFORM pg_notify('fv_sync', OLD.assigned_collector_id::text);
  END IF;
  IF now_visible THEN
    INSERT INTO sync_changes (collector_id, case_id, op) VALUES (NEW.assigned_collector_id, NEW.id, 'upsert');
    PERFORM pg_notify('fv_sync', NEW.assigned_collector_id::text);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_sync_changes AFTER INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION fv_record_case_change();
