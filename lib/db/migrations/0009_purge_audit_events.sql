-- Retention (SPEC §10). The audit trail stays append-only for the app: it has no DELETE right on audit_events and
-- the trigger refuses deletes. The one exception is purge_audit_events below, which runs with its owner's rights and
-- marks its own transaction; the trigger then lets it delete rows older than 30 days, nothing younger.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('sluice.audit_retention', true) = 'on' AND OLD.at < now() - interval '30 days' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Deletes audit rows older than keep_days (30 at least), at most batch_size (≤ 10,000) per call, oldest first, so
-- each call is one short statement.
CREATE OR REPLACE FUNCTION "purge_audit_events"(keep_days integer, batch_size integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  deleted integer;
BEGIN
  IF keep_days IS NULL OR keep_days < 30 THEN
    RAISE EXCEPTION 'audit rows are kept at least 30 days';
  END IF;
  PERFORM set_config('sluice.audit_retention', 'on', true);
  DELETE FROM audit_events WHERE id IN (
    SELECT id FROM audit_events
    WHERE at < now() - make_interval(days => keep_days)
    ORDER BY id
    LIMIT least(greatest(batch_size, 1), 10000)
  );
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('sluice.audit_retention', 'off', true);
  RETURN deleted;
END $$;
