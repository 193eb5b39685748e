-- A case's retention counts from when it was closed or returned to the creditor, whatever code path
-- closed it (an import, a future closing screen): a trigger keeps closed_at. Cases already closed
-- count from their last change, the nearest time known.
UPDATE cases SET closed_at = updated_at WHERE status IN ('closed', 'returned') AND closed_at IS NULL;
--> statement-breakpoint
CREATE FUNCTION fv_case_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status NOT IN ('closed', 'returned') THEN
    NEW.closed_at := NULL;
  ELSIF TG_OP = 'INSERT' THEN
    NEW.closed_at := coalesce(NEW.closed_at, now());
  ELSIF OLD.status NOT IN ('closed', 'returned') THEN
    NEW.closed_at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cases_closed_at BEFORE INSERT OR UPDATE OF status ON cases FOR EACH ROW EXECUTE FUNCTION fv_case_closed_at();
