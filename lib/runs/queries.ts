import { and, eq, type SQL } from "drizzle-orm";
import { db } from "../db/client";
import { newestFirst, olderThan, type KeysetCursor } from "../db/keyset";
import { runs, type Run } from "../db/schema";

export async function getRun(id: string): Promise<Run | null> {
  const [run] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return run ?? null;
}

/** A run's status as it is now: the reconciler re-reads it before settling a run whose job has finished. */
export async function getRunStatus(id: string): Promise<Run["status"] | null> {
  const [row] = await db.select({ status: runs.status }).from(runs).where(eq(runs.id, id)).limit(1);
  return row?.status ?? null;
}

export type RunFilter = {
  subscriptionId?: string;
  semanticModelId?: string;
  kind?: Run["kind"];
  status?: Run["status"];
  trigger?: Run["trigger"];
};

/** The WHERE conditions of a run filter; an empty filter matches every run. */
export function runFilterConditions(filter: RunFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.subscriptionId) conditions.push(eq(runs.subscriptionId, filter.subscriptionId));
  if (filter.semanticModelId) conditions.push(eq(runs.semanticModelId, filter.semanticModelId));
  if (filter.kind) conditions.push(eq(runs.kind, filter.kind));
  if (filter.status) conditions.push(eq(runs.status, filter.status));
  if (filter.trigger) conditions.push(eq(runs.trigger, filter.trigger));
  return conditions;
}

/** Newest first, keyset-paged by (createdAt, id); returns up to limit + 1 rows so callers can tell if more exist. */
export async function listRuns(filter: RunFilter, limit: number, after: KeysetCursor | null): Promise<Run[]> {
  return db
    .select()
    .from(runs)
    .where(and(...runFilterConditions(filter), olderThan(runs, after)))
    .orderBy(...newestFirst(runs))
    .limit(limit + 1);
}
