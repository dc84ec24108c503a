import { and, eq, gt, sql as dsql } from "drizzle-orm";
import { db, type Db, type Tx } from "../db/client";
import { idempotencyKeys, runs, type Run } from "../db/schema";
import { recordAudit } from "../audit/record";
import { enqueueRun } from "../queue/producer";
import { DomainError, notFound } from "../domain-error";
import { tickBatch } from "../util/tick-batch";
import { insertOrJoinMany, type StartRequest } from "./insert-or-join";

/** Who started a run; `label` and `ip` go into the audit row every trigger writes. */
export type RunOrigin = { label?: string; ip?: string | null } & (
  | { trigger: "api"; tokenId: string; idempotencyKey?: string }
  | { trigger: "console"; userId: string }
  | { trigger: "schedule" }
);

export type StartedRun = { run: Run; created: boolean };

type Target = { kind: "subscription"; id: string } | { kind: "semantic-model-refresh"; id: string };

// Each retry follows a run leaving `queued` within milliseconds; three in a row would be a stuck database.
const MAX_START_ATTEMPTS = 3;

// SPEC §4: a key is remembered for 24 hours.
const IDEMPOTENCY_WINDOW = dsql`now() - interval '24 hours'`;

/**
 * Starts a subscription run, or returns the run of that subscription still waiting in the queue (so a burst of
 * triggers mails the report once). The row is written first, then the job is added (best effort).
 */
export async function startSubscriptionRun(subscriptionId: string, origin: RunOrigin): Promise<StartedRun> {
  return start({ kind: "subscription", id: subscriptionId }, origin);
}

/** Starts a model refresh, or returns the refresh of that model still waiting in the queue. */
export async function startModelRefresh(semanticModelId: string, origin: RunOrigin): Promise<StartedRun> {
  return start({ kind: "semantic-model-refresh", id: semanticModelId }, origin);
}

// A start that joined a queued run has its audit row written already by the statement that joined it.
type Started = StartedRun & { audited: boolean };

async function start(target: Target, origin: RunOrigin): Promise<StartedRun> {
  const { audited, ...started } =
    origin.trigger === "api" && origin.idempotencyKey
      ? await startIdempotent(target, origin, origin.idempotencyKey)
      : await startOnce(db, target, origin);
  if (started.created) await enqueueRun(started.run.id, started.run.kind, started.run.trigger);
  else if (!audited) await auditTrigger(target, origin, started.run.id);
  return started;
}

async function startOnce(executor: Db | Tx, target: Target, origin: RunOrigin): Promise<Started> {
  // A collision with a queued run that starts at that very moment leaves nothing to join: insert again.
  for (let attempt = 1; ; attempt++) {
    const started = await insertOrJoin(executor, target, origin);
    if (started) return started;
    if (attempt === MAX_START_ATTEMPTS)
      throw notFound(target.kind === "subscription" ? "subscription" : "semantic model");
  }
}

// Triggers arriving together share one statement (lib/runs/insert-or-join.ts); inside a transaction, one alone.
const insertOrJoinTogether = tickBatch((requests: StartRequest[]) => insertOrJoinMany(db, requests));

/** Starts a run or joins the queued one; null when the queued run it collided with has started since. */
async function insertOrJoin(executor: Db | Tx, target: Target, origin: RunOrigin): Promise<Started | null> {
  const columns = originColumns(origin);
  const request: StartRequest = {
    kind: target.kind,
    targetId: target.id,
    ...columns,
    label: actorLabel(origin),
    ip: origin.ip ?? null,
    auditAction: auditAction(target),
    auditTargetType: auditTargetType(target),
  };
  const [result] =
    executor === db ? [await insertOrJoinTogether(request)] : await insertOrJoinMany(executor, [request]);
  switch (result?.outcome) {
    case "started":
      return { run: result.run, created: result.created, audited: true };
    case "paused":
      // Paused wins over a run queued before the pause: the caller learns why nothing new starts.
      throw new DomainError("subscription_paused", "The subscription is paused; resume it to run it.");
    case "collided":
      return null;
    default:
      throw notFound(target.kind === "subscription" ? "subscription" : "semantic model");
  }
}

/** With an Idempotency-Key: the same key from the same token within 24 h returns the same run. */
async function startIdempotent(
  target: Target,
  origin: RunOrigin & { trigger: "api"; tokenId: string },
  key: string,
): Promise<Started> {
  const fingerprint = `${target.kind}:${target.id}`;
  return db.transaction(async (tx) => {
    // Serialises requests carrying the same key, so two concurrent retries cannot both create work.
    await tx.execute(dsql`select pg_advisory_xact_lock(hashtext(${origin.tokenId + ":" + key}))`);
    const [hit] = await tx
      .select({ fingerprint: idempotencyKeys.fingerprint, run: runs })
      .from(idempotencyKeys)
      .innerJoin(runs, eq(runs.id, idempotencyKeys.runId))
      .where(
        and(
          eq(idempotencyKeys.tokenId, origin.tokenId),
          eq(idempotencyKeys.key, key),
          gt(idempotencyKeys.createdAt, IDEMPOTENCY_WINDOW),
        ),
      )
      .limit(1);
    if (hit && hit.fingerprint !== fingerprint) {
      throw new DomainError("idempotency_conflict", "This Idempotency-Key was already used with a different request.");
    }
    if (hit) return { run: hit.run, created: false, audited: false };
    const started = await startOnce(tx, target, origin);
    await tx
      .insert(idempotencyKeys)
      .values({ tokenId: origin.tokenId, key, fingerprint, runId: started.run.id })
      .onConflictDoUpdate({
        target: [idempotencyKeys.tokenId, idempotencyKeys.key],
        set: { fingerprint, runId: started.run.id, createdAt: new Date() },
      });
    return started;
  });
}

function originColumns(origin: RunOrigin) {
  return {
    trigger: origin.trigger,
    tokenId: origin.trigger === "api" ? origin.tokenId : null,
    userId: origin.trigger === "console" ? origin.userId : null,
  };
}

const auditAction = (target: Target) =>
  target.kind === "subscription" ? "subscription.triggered" : "semantic-model.refresh-triggered";
const auditTargetType = (target: Target) => (target.kind === "subscription" ? "subscription" : "semantic-model");
const actorLabel = (origin: RunOrigin) => origin.label ?? (origin.trigger === "schedule" ? "schedule" : null);

/** A trigger that joined an existing run (replayed key, coalesced refresh) is audited too. */
async function auditTrigger(target: Target, origin: RunOrigin, runId: string): Promise<void> {
  const columns = originColumns(origin);
  await recordAudit({
    action: auditAction(target),
    actorUserId: columns.userId,
    actorTokenId: columns.tokenId,
    actorLabel: actorLabel(origin),
    targetType: auditTargetType(target),
    targetId: target.id,
    ip: origin.ip ?? null,
    details: { runId, trigger: origin.trigger, joinedExistingRun: true },
  });
}
