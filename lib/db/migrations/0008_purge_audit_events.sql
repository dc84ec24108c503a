-- Retention (SPEC §10). The app role may not delete audit rows: the trail is append-only for it. This function runs
-- with its owner's rights and deletes only rows older than keep_days (30 at least), at most batch_size (≤ 10,000)
-- per call, oldest first, so each call is one short statement.
CREATE OR REPLACE FUNCTION "purge_audit_events"(keep_days integer, batch_size integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  deleted integer;
BEGIN
  IF keep_days IS NULL OR keep_days < 30 THEN
    RAISE EXCEPTION 'audit rows are kept at least 30 days';
  END IF;
  DELETE FROM audit_events WHERE id IN (
    SELECT id FROM audit_events
    WHERE at < now() - make_interval(days => keep_days)
    ORDER BY id
    LIMIT least(greatest(batch_size, 1), 10000)
  );
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END $$;
