import { ApiError } from "./errors";
import { recordAudit } from "../audit/record";
import { IdempotencyConflictError, RunTargetNotFoundError, SubscriptionPausedError } from "../runs/errors";
import { presentRun } from "../runs/present";
import type { StartedRun } from "../runs/start";
import type { VerifiedToken } from "../tokens/verify";

/** Maps the run domain's refusals to API problems. */
export async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunTargetNotFoundError) throw new ApiError("not_found", "No resource with this id.");
    if (error instanceof SubscriptionPausedError) throw new ApiError("subscription_paused", "The subscription is paused; resume it to run it.");
    if (error instanceof IdempotencyConflictError) {
      throw new ApiError("idempotency_conflict", "This Idempotency-Key was already used with a different request.");
    }
    throw error;
  }
}

/** 202 with the run and its Location; the audit row names the token and the caller's IP. */
export async function acceptedRun(started: StartedRun, token: VerifiedToken, ip: string | null): Promise<Response> {
  const { run } = started;
  await recordAudit({
    action: run.kind === "subscription" ? "subscription.triggered" : "semantic-model.refresh-triggered",
    actorTokenId: token.id,
    actorLabel: `token ${token.name}`,
    targetType: run.kind === "subscription" ? "subscription" : "semantic-model",
    targetId: run.subscriptionId ?? run.semanticModelId ?? undefined,
    ip,
    details: { runId: run.id, replayed: !started.created },
  });
  return Response.json(presentRun(run), { status: 202, headers: { Location: `/api/v1/runs/${run.id}` } });
}
