import type postgres from "postgres";
import { actorColumns, systemActor, writeAudit } from "../audit/record";
import { db, sql } from "../db/client";
import { env } from "../env";

// Rows per DELETE: each statement stays short, so the tables are never locked for long.
export const PURGE_BATCH = 1_000;
// A batch that takes longer than this is cancelled by Postgres (and the job retried): something else holds the rows.
const BATCH_TIMEOUT = "60s";

export type PurgeCounts = { deliveries: number; runs: number; auditEvents: number };

/**
 * SPEC §10: deletes the deliveries and finished runs created more than `keepDays` ago, and audit rows as old, in batches
 * of `batchSize` rows chosen by primary key, one statement each (no long transaction). A queued or running run is kept
 * whatever its age. Safe to run twice at once: a batch skips the rows another one is deleting.
 */
export async function purgeExpired(
  keepDays: number = env.RETENTION_DAYS,
  batchSize = PURGE_BATCH,
): Promise<PurgeCounts> {
  const deliveries = await inBatches(batchSize, async (sql) => {
    const rows = await sql`
      delete from deliveries where id in (
        select d.id from deliveries d join runs r on r.id = d.run_id
        where r.created_at < now() - make_interval(days => ${keepDays}) and r.status in ('succeeded', 'failed')
        limit ${batchSize}
        for update of d skip locked
      )`;
    return rows.count;
  });
  const runs = await inBatches(batchSize, async (sql) => {
    const rows = await sql`
      delete from runs where id in (
        select id from runs
        where created_at < now() - make_interval(days => ${keepDays}) and status in ('succeeded', 'failed')
        limit ${batchSize}
        for update skip locked
      )`;
    return rows.count;
  });
  const auditEvents = await inBatches(batchSize, async (sql) => {
    const [row] = await sql<{ deleted: number }[]>`select purge_audit_events(${keepDays}, ${batchSize}) as deleted`;
    return row?.deleted ?? 0;
  });
  const counts = { deliveries, runs, auditEvents };
  if (deliveries + runs + auditEvents > 0) {
    await writeAudit(db, {
      action: "retention.purged",
      ...actorColumns(systemActor("retention")),
      details: { ...counts, retentionDays: keepDays },
    });
  }
  return counts;
}

/** Runs one batch after another, each in its own short transaction with a statement deadline, until one comes up short. */
async function inBatches(batchSize: number, deleteBatch: (tx: postgres.TransactionSql) => Promise<number>) {
  let total = 0;
  for (;;) {
    const deleted = await sql.begin(async (tx) => {
      await tx.unsafe(`set local statement_timeout = '${BATCH_TIMEOUT}'`);
      return deleteBatch(tx);
    });
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
