ALTER TABLE "sessions" ADD COLUMN "device_key" "bytea";--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_revoked_without_device_key" CHECK ("sessions"."revoked_at" is null or "sessions"."device_key" is null);--> statement-breakpoint
-- However a session ends (sign-out, a user disabled, an admin revoking a lost phone), its device key
-- goes with it, so the device can never be handed the key again to read what it kept.
CREATE FUNCTION fv_session_device_key_ends() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.device_key := NULL;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_device_key_ends BEFORE INSERT OR UPDATE ON sessions FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION fv_session_device_key_ends();
