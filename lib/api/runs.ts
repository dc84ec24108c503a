import { presentRun } from "../runs/present";
import type { RunOrigin, StartedRun } from "../runs/start";
import type { VerifiedToken } from "../tokens/verify";

/** 202 with the run and where to poll it. */
export function acceptedRun({ run }: StartedRun): Response {
  return Response.json(presentRun(run), { status: 202, headers: { Location: `/api/v1/runs/${run.id}` } });
}

/** The origin of an API trigger, as the run and its audit row record it. */
export function apiOrigin(token: VerifiedToken, ip: string | null, idempotencyKey: string | undefined): RunOrigin {
  return { trigger: "api", tokenId: token.id, label: `token ${token.name}`, ip, idempotencyKey };
}
