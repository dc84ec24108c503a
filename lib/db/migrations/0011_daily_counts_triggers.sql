-- Keeps run_daily_counts and delivery_daily_counts in step with runs and deliveries, and fills them from the rows
-- already there. Statement-level triggers with transition tables: a bulk statement costs one aggregate, not one upsert
-- per row. An update counts as its old row taken out and its new row put in, so a row that moves (a run that finishes,
-- a failed delivery later sent) lands on its new day and outcome. Keys are upserted in sorted order, so two
-- transactions never lock the same counters in opposite order.
CREATE FUNCTION run_daily_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO run_daily_counts AS c (day, kind, status, count)
    SELECT (finished_at AT TIME ZONE 'UTC')::date AS day, kind, status, count(*)::int
    FROM new_rows WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, kind, status) DO UPDATE SET count = c.count + excluded.count;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO run_daily_counts AS c (day, kind, status, count)
    SELECT day, kind, status, sum(n)::int
    FROM (
      SELECT (finished_at AT TIME ZONE 'UTC')::date AS day, kind, status, 1 AS n
      FROM new_rows WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL
      UNION ALL
      SELECT (finished_at AT TIME ZONE 'UTC')::date, kind, status, -1
      FROM old_rows WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL
    ) AS change
    GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (day, kind, status) DO UPDATE SET count = c.count + excluded.count;
  ELSE
    INSERT INTO run_daily_counts AS c (day, kind, status, count)
    SELECT (finished_at AT TIME ZONE 'UTC')::date AS day, kind, status, -count(*)::int
    FROM old_rows WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, kind, status) DO UPDATE SET count = c.count + excluded.count;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER runs_daily_counts_insert AFTER INSERT ON runs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION run_daily_counts_track();
--> statement-breakpoint
CREATE TRIGGER runs_daily_counts_update AFTER UPDATE ON runs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION run_daily_counts_track();
--> statement-breakpoint
CREATE TRIGGER runs_daily_counts_delete AFTER DELETE ON runs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION run_daily_counts_track();
--> statement-breakpoint
CREATE FUNCTION delivery_daily_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO delivery_daily_counts AS c (day, status, count)
    SELECT (at AT TIME ZONE 'UTC')::date AS day, status, count(*)::int
    FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, status) DO UPDATE SET count = c.count + excluded.count;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO delivery_daily_counts AS c (day, status, count)
    SELECT day, status, sum(n)::int
    FROM (
      SELECT (at AT TIME ZONE 'UTC')::date AS day, status, 1 AS n FROM new_rows
      UNION ALL
      SELECT (at AT TIME ZONE 'UTC')::date, status, -1 FROM old_rows
    ) AS change
    GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
    ON CONFLICT (day, status) DO UPDATE SET count = c.count + excluded.count;
  ELSE
    INSERT INTO delivery_daily_counts AS c (day, status, count)
    SELECT (at AT TIME ZONE 'UTC')::date AS day, status, -count(*)::int
    FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, status) DO UPDATE SET count = c.count + excluded.count;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deliveries_daily_counts_insert AFTER INSERT ON deliveries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_daily_counts_track();
--> statement-breakpoint
CREATE TRIGGER deliveries_daily_counts_update AFTER UPDATE ON deliveries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_daily_counts_track();
--> statement-breakpoint
CREATE TRIGGER deliveries_daily_counts_delete AFTER DELETE ON deliveries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_daily_counts_track();
--> statement-breakpoint
-- The rows already there, counted once (the triggers above see only later changes).
INSERT INTO run_daily_counts (day, kind, status, count)
SELECT (finished_at AT TIME ZONE 'UTC')::date, kind, status, count(*)::int
FROM runs WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO delivery_daily_counts (day, status, count)
SELECT (at AT TIME ZONE 'UTC')::date, status, count(*)::int FROM deliveries GROUP BY 1, 2;
