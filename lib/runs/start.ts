import { and, eq, gt, sql as dsql } from "drizzle-orm";
import { db, type Db, type Tx } from "../db/client";
import { idempotencyKeys, runs, semanticModels, subscriptions, type Run } from "../db/schema";
import { recordAudit } from "../audit/record";
import { enqueueRun } from "../queue/producer";
import { DomainError, notFound } from "../domain-error";

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

async function start(target: Target, origin: RunOrigin): Promise<StartedRun> {
  const started =
    origin.trigger === "api" && origin.idempotencyKey
      ? await startIdempotent(target, origin, origin.idempotencyKey)
      : await startOnce(db, target, origin);
  if (started.created) await enqueueRun(started.run.id, started.run.kind, started.run.trigger);
  else await auditTrigger(target, origin, started.run.id);
  return started;
}

async function startOnce(executor: Db | Tx, target: Target, origin: RunOrigin): Promise<StartedRun> {
  // A collision with a queued run that starts at that very moment leaves nothing to join: insert again.
  for (let attempt = 1; ; attempt++) {
    const started = await insertOrJoin(executor, target, origin);
    if (started) return started;
    if (attempt === MAX_START_ATTEMPTS)
      throw notFound(target.kind === "subscription" ? "subscription" : "semantic model");
  }
}

/**
 * The hot path, one round trip: insert the run only if its target exists (and, for a subscription, is active) and
 * none of it is queued, writing its audit row in the same statement. Only when nothing was inserted does a second
 * query say why; null when the queued run it collided with has started since.
 */
async function insertOrJoin(executor: Db | Tx, target: Target, origin: RunOrigin): Promise<StartedRun | null> {
  const columns = originColumns(origin);
  const isSubscription = target.kind === "subscription";
  const eligible = isSubscription
    ? dsql`select id from ${subscriptions} where id = ${target.id} and status = 'active'`
    : dsql`select id from ${semanticModels} where id = ${target.id}`;
  // The partial unique indexes allow one queued run per subscription or model: a trigger while one waits inserts
  // nothing and joins it.
  const onConflict = isSubscription
    ? dsql`on conflict (subscription_id) where kind = 'subscription' and status = 'queued' do nothing`
    : dsql`on conflict (semantic_model_id) where kind = 'semantic-model-refresh' and status = 'queued' do nothing`;
  const rows = await executor.execute<{ id: string; created_at: Date }>(dsql`
    with eligible as (${eligible}),
    inserted as (
      insert into ${runs} (kind, subscription_id, semantic_model_id, trigger, token_id, user_id)
      select ${target.kind}::run_kind, ${isSubscription ? dsql`id` : dsql`null`}, ${isSubscription ? dsql`null` : dsql`id`},
             ${columns.trigger}::run_trigger, ${columns.tokenId}::uuid, ${columns.userId}::uuid
      from eligible
      ${onConflict}
      returning id, created_at
    ),
    audited as (
      insert into audit_events (action, actor_user_id, actor_token_id, actor_label, target_type, target_id, ip, details)
      select ${auditAction(target)}, ${columns.userId}::uuid, ${columns.tokenId}::uuid, ${actorLabel(origin)}, ${auditTargetType(target)},
             ${target.id}, ${origin.ip ?? null}, jsonb_build_object('runId', inserted.id, 'trigger', ${columns.trigger}::text)
      from inserted
    )
    select id, created_at from inserted`);
  const [row] = rows;
  if (row) {
    const run: Run = {
      id: row.id,
      kind: target.kind,
      status: "queued",
      subscriptionId: isSubscription ? target.id : null,
      semanticModelId: isSubscription ? null : target.id,
      ...columns,
      createdAt: new Date(row.created_at),
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      error: null,
      result: null,
      heartbeatAt: null,
      retryAt: null,
      progress: null,
      resendRecipients: null,
    };
    return { run, created: true };
  }
  const queued = await explainNothingInserted(executor, target);
  return queued ? { run: queued, created: false } : null;
}

async function explainNothingInserted(executor: Db | Tx, target: Target): Promise<Run | null> {
  const isSubscription = target.kind === "subscription";
  if (isSubscription) {
    const [subscription] = await executor
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.id, target.id))
      .limit(1);
    if (!subscription) throw notFound("subscription");
    // Paused wins over a run queued before the pause: the caller learns why nothing new starts.
    if (subscription.status !== "active") {
      throw new DomainError("subscription_paused", "The subscription is paused; resume it to run it.");
    }
  }
  const [queued] = await executor
    .select()
    .from(runs)
    .where(
      and(
        isSubscription ? eq(runs.subscriptionId, target.id) : eq(runs.semanticModelId, target.id),
        eq(runs.kind, target.kind),
        eq(runs.status, "queued"),
      ),
    )
    .limit(1);
  if (queued) return queued;
  if (!isSubscription) {
    const [model] = await executor
      .select({ id: semanticModels.id })
      .from(semanticModels)
      .where(eq(semanticModels.id, target.id))
      .limit(1);
    if (!model) throw notFound("semantic model");
  }
  // The target exists, nothing was inserted, nothing is queued: the run we collided with started in between.
  return null;
}

/** With an Idempotency-Key: the same key from the same token within 24 h returns the same run. */
async function startIdempotent(
  target: Target,
  origin: RunOrigin & { trigger: "api"; tokenId: string },
  key: string,
): Promise<StartedRun> {
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
    if (hit) return { run: hit.run, created: false };
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
