-- Before the index: of several runs of one subscription still queued, the oldest stays and the others are closed, as a
-- trigger arriving now would have joined the oldest.
UPDATE "runs" r SET status = 'failed', finished_at = now(),
  error = jsonb_build_object('message', 'Joined an earlier queued run of the same subscription.')
WHERE r.kind = 'subscription' AND r.status = 'queued' AND EXISTS (
  SELECT 1 FROM "runs" o
  WHERE o.kind = 'subscription' AND o.status = 'queued' AND o.subscription_id = r.subscription_id
    AND (o.created_at, o.id) < (r.created_at, r.id)
);--> statement-breakpoint
CREATE UNIQUE INDEX "runs_one_queued_subscription_run_idx" ON "runs" USING btree ("subscription_id") WHERE kind = 'subscription' and status = 'queued';
