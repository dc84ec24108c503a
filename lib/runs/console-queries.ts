import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { readPage, timeKey, type KeysetOrder, type PagePosition } from "../db/keyset-page";
import { apiTokens, deliveries, runs, semanticModels, subscriptions, users, type Delivery } from "../db/schema";
import { runFilterConditions, type RunFilter } from "./queries";

const runWithNames = {
  run: runs,
  tokenName: apiTokens.name,
  userEmail: users.email,
  subscriptionName: subscriptions.name,
  modelName: semanticModels.name,
};

function withNames() {
  return db
    .select(runWithNames)
    .from(runs)
    .leftJoin(apiTokens, eq(apiTokens.id, runs.tokenId))
    .leftJoin(users, eq(users.id, runs.userId))
    .leftJoin(subscriptions, eq(subscriptions.id, runs.subscriptionId))
    .leftJoin(semanticModels, eq(semanticModels.id, runs.semanticModelId));
}

/** A run with who or what started it and what it ran. */
export type ConsoleRun = Awaited<ReturnType<typeof withNames>>[number];

export const RUNS_PAGE_SIZE = 50;

// Served by runs_created_at_idx, or by the (filter column, created_at, id) index of the filter (migration 0006).
const NEWEST_RUNS_FIRST: KeysetOrder = { key: runs.createdAt, id: runs.id, descending: true };

/** One page of runs for the console, newest first, with Next / Previous cursors. */
export async function pageRunsForConsole(filter: RunFilter, position: PagePosition, size = RUNS_PAGE_SIZE) {
  return readPage<ConsoleRun>({
    order: NEWEST_RUNS_FIRST,
    position,
    size,
    cursorOf: (row) => [timeKey(row.run.createdAt), row.run.id],
    query: (bound, orderBy, limit) =>
      withNames()
        .where(and(...runFilterConditions(filter), bound))
        .orderBy(...orderBy)
        .limit(limit),
  });
}

export async function getRunForConsole(id: string): Promise<ConsoleRun | null> {
  const [row] = await withNames().where(eq(runs.id, id)).limit(1);
  return row ?? null;
}

export async function listDeliveries(runId: string) {
  return db.select().from(deliveries).where(eq(deliveries.runId, runId)).orderBy(asc(deliveries.recipient));
}

/** Deliveries of several runs in one query, grouped by run id. */
export async function deliveriesByRun(runIds: string[]) {
  const grouped = new Map<string, Delivery[]>();
  if (runIds.length === 0) return grouped;
  const rows = await db
    .select()
    .from(deliveries)
    .where(inArray(deliveries.runId, runIds))
    .orderBy(asc(deliveries.recipient));
  for (const row of rows) grouped.set(row.runId, [...(grouped.get(row.runId) ?? []), row]);
  return grouped;
}
