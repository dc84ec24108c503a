import { and, eq, gt, sql as dsql } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { idempotencyKeys, runs, semanticModels, subscriptions, type Run } from "../db/schema";
import { enqueueRun } from "../queue/producer";
import { IdempotencyConflictError, RunTargetNotFoundError, SubscriptionPausedError } from "./errors";

export type RunOrigin =
  | { trigger: "api"; tokenId: string; idempotencyKey?: string }
  | { trigger: "console"; userId: string }
  | { trigger: "schedule" };

export type StartedRun = { run: Run; created: boolean };

// SPEC §4: a key is remembered for 24 hours.
const IDEMPOTENCY_WINDOW = dsql`now() - interval '24 hours'`;

/** Starts a subscription run: the row is written first, then the job is added (best effort). */
export async function startSubscriptionRun(subscriptionId: string, origin: RunOrigin): Promise<StartedRun> {
  const started = await db.transaction(async (tx) => {
    const replay = await replayIdempotent(tx, origin, `subscription:${subscriptionId}`);
    if (replay) return { run: replay, created: false };
    const [subscription] = await tx
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId))
      .limit(1);
    if (!subscription) throw new RunTargetNotFoundError();
    if (subscription.status === "paused") throw new SubscriptionPausedError();
    const [run] = await tx.insert(runs).values({ kind: "subscription", subscriptionId, ...originColumns(origin) }).returning();
    await rememberIdempotent(tx, origin, `subscription:${subscriptionId}`, run.id);
    return { run, created: true };
  });
  if (started.created) await enqueueRun(started.run.id, started.run.kind);
  return started;
}

/** Starts a model refresh, or returns the refresh of that model still waiting in the queue. */
export async function startModelRefresh(semanticModelId: string, origin: RunOrigin): Promise<StartedRun> {
  const started = await db.transaction(async (tx) => {
    const replay = await replayIdempotent(tx, origin, `semantic-model:${semanticModelId}`);
    if (replay) return { run: replay, created: false };
    const [model] = await tx.select({ id: semanticModels.id }).from(semanticModels).where(eq(semanticModels.id, semanticModelId)).limit(1);
    if (!model) throw new RunTargetNotFoundError();
    // The partial unique index allows one queued refresh per model; a concurrent trigger joins it.
    const [inserted] = await tx
      .insert(runs)
      .values({ kind: "semantic-model-refresh", semanticModelId, ...originColumns(origin) })
      .onConflictDoNothing({ target: runs.semanticModelId, where: dsql`kind = 'semantic-model-refresh' and status = 'queued'` })
      .returning();
    const run = inserted ?? (await queuedRefreshOf(tx, semanticModelId));
    await rememberIdempotent(tx, origin, `semantic-model:${semanticModelId}`, run.id);
    return { run, created: inserted !== undefined };
  });
  if (started.created) await enqueueRun(started.run.id, started.run.kind);
  return started;
}

async function queuedRefreshOf(tx: Tx, semanticModelId: string): Promise<Run> {
  const [run] = await tx
    .select()
    .from(runs)
    .where(and(eq(runs.semanticModelId, semanticModelId), eq(runs.kind, "semantic-model-refresh"), eq(runs.status, "queued")))
    .limit(1);
  if (!run) throw new Error("queued refresh vanished between insert and read");
  return run;
}

function originColumns(origin: RunOrigin) {
  return {
    trigger: origin.trigger,
    tokenId: origin.trigger === "api" ? origin.tokenId : null,
    userId: origin.trigger === "console" ? origin.userId : null,
  };
}

async function replayIdempotent(tx: Tx, origin: RunOrigin, fingerprint: string): Promise<Run | null> {
  if (origin.trigger !== "api" || !origin.idempotencyKey) return null;
  // Serialises requests carrying the same key, so two concurrent retries cannot both create work.
  await tx.execute(dsql`select pg_advisory_xact_lock(hashtext(${origin.tokenId + ":" + origin.idempotencyKey}))`);
  const [hit] = await tx
    .select({ fingerprint: idempotencyKeys.fingerprint, run: runs })
    .from(idempotencyKeys)
    .innerJoin(runs, eq(runs.id, idempotencyKeys.runId))
    .where(and(eq(idempotencyKeys.tokenId, origin.tokenId), eq(idempotencyKeys.key, origin.idempotencyKey), gt(idempotencyKeys.createdAt, IDEMPOTENCY_WINDOW)))
    .limit(1);
  if (!hit) return null;
  if (hit.fingerprint !== fingerprint) throw new IdempotencyConflictError();
  return hit.run;
}

async function rememberIdempotent(tx: Tx, origin: RunOrigin, fingerprint: string, runId: string): Promise<void> {
  if (origin.trigger !== "api" || !origin.idempotencyKey) return;
  await tx
    .insert(idempotencyKeys)
    .values({ tokenId: origin.tokenId, key: origin.idempotencyKey, fingerprint, runId })
    .onConflictDoUpdate({ target: [idempotencyKeys.tokenId, idempotencyKeys.key], set: { fingerprint, runId, createdAt: new Date() } });
}
