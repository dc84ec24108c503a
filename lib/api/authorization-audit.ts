import { recordAudit } from "../audit/record";
import { createThrottle } from "../util/throttle";
import type { VerifiedToken } from "../tokens/verify";

// A token probing routes it may not use is worth one audit row a minute per process, not one per request.
const shouldAudit = createThrottle(60_000, 10_000);

/** Audits a 403 for a valid token, throttled per token; never awaited. */
export function noteAuthorizationFailure(
  token: Pick<VerifiedToken, "id" | "name">,
  permission: string,
  ip: string | null,
): void {
  if (!shouldAudit(token.id)) return;
  void recordAudit({
    action: "api.permission-denied",
    actorTokenId: token.id,
    actorLabel: `token ${token.name}`,
    ip,
    details: { permission },
  });
}
