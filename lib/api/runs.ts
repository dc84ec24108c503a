import { ApiError } from "./errors";
import { IdempotencyConflictError, RunTargetNotFoundError, SubscriptionPausedError } from "../runs/errors";
import { presentRun } from "../runs/present";
import type { RunOrigin, StartedRun } from "../runs/start";
import type { VerifiedToken } from "../tokens/verify";

/** Maps the run domain's refusals to API problems. */
export async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunTargetNotFoundError) throw new ApiError("not_found", "No resource with this id.");
    if (error instanceof SubscriptionPausedError)
      throw new ApiError("subscription_paused", "The subscription is paused; resume it to run it.");
    if (error instanceof IdempotencyConflictError) {
      throw new ApiError("idempotency_conflict", "This Idempotency-Key was already used with a different request.");
    }
    throw error;
  }
}

/** 202 with the run and where to poll it. */
export function acceptedRun({ run }: StartedRun): Response {
  return Response.json(presentRun(run), { status: 202, headers: { Location: `/api/v1/runs/${run.id}` } });
}

/** The origin of an API trigger, as the run and its audit row record it. */
export function apiOrigin(token: VerifiedToken, ip: string | null, idempotencyKey: string | undefined): RunOrigin {
  return { trigger: "api", tokenId: token.id, label: `token ${token.name}`, ip, idempotencyKey };
}
