-- A risk signal raised or changed by any code path (a push, the promise sweep, an acknowledgement)
-- tells the server instances which signals, once per statement, after commit. Each instance relays
-- them to its own supervisors ('risk:signal') and wakes its webhook poller.
CREATE FUNCTION fv_signal_risk() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(id) INTO ids FROM changed_signals;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  -- A NOTIFY payload must stay under 8000 bytes: at most 100 ids (~3.7 KB) each.
  FOR chunk IN 0 .. (array_length(ids, 1) - 1) / 100 LOOP
    PERFORM pg_notify('fv_risk', array_to_string(ids[chunk * 100 + 1 : chunk * 100 + 100], ','));
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER risk_signals_signal_insert AFTER INSERT ON risk_signals REFERENCING NEW TABLE AS changed_signals FOR EACH STATEMENT EXECUTE FUNCTION fv_signal_risk();
--> statement-breakpoint
CREATE TRIGGER risk_signals_signal_update AFTER UPDATE ON risk_signals REFERENCING NEW TABLE AS changed_signals FOR EACH STATEMENT EXECUTE FUNCTION fv_signal_risk();
