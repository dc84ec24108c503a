import { recordAudit } from "../audit/record";
import { createThrottle } from "../util/throttle";
import { ipAllowed } from "../tokens/allowed-ips";
import type { VerifiedToken } from "../tokens/verify";
import { ApiError } from "./errors";

// A client hammering from outside the ranges is worth one audit row a minute per token and address, per process.
const shouldAudit = createThrottle(60_000, 10_000);

/** SPEC §8: a token with allowed ranges answers 403 ip_not_allowed elsewhere; the refusal is audited. */
export function enforceAllowedIps(token: Pick<VerifiedToken, "id" | "name" | "allowedIps">, ip: string | null): void {
  if (ipAllowed(ip, token.allowedIps)) return;
  if (shouldAudit(`${token.id} ${ip ?? "unknown"}`)) {
    void recordAudit({
      action: "api.ip-not-allowed",
      actorTokenId: token.id,
      actorLabel: `token ${token.name}`,
      targetType: "api-token",
      targetId: token.id,
      ip,
      details: { allowedIps: token.allowedIps },
    });
  }
  throw new ApiError("ip_not_allowed", "This token may not be used from this address.");
}
