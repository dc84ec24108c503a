import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens, deliveries, runs, semanticModels, subscriptions, users, type Delivery } from "../db/schema";
import { runFilterConditions, type RunFilter } from "./queries";

// The console shows the most recent runs; older ones stay reachable through the API's paging.
export const CONSOLE_RUNS_LIMIT = 200;

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

/** Runs with who or what started them and what they ran, newest first. */
export async function listRunsForConsole(filter: RunFilter, limit = CONSOLE_RUNS_LIMIT) {
  return withNames()
    .where(and(...runFilterConditions(filter)))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(limit);
}

export type ConsoleRun = Awaited<ReturnType<typeof listRunsForConsole>>[number];

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
