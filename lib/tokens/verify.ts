import { eq, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens } from "../db/schema";
import { log } from "../log";
import { recordAudit } from "../audit/record";
import { createThrottle } from "../util/throttle";
import { digestOf, hasValidForm } from "./format";

export type VerifiedToken = { id: string; name: string; permissions: string[]; expiresAt: Date };

// The lookup runs on every API request, so it is a prepared statement selecting only what is needed.
const findByDigest = db
  .select({
    id: apiTokens.id,
    name: apiTokens.name,
    permissions: apiTokens.permissions,
    expiresAt: apiTokens.expiresAt,
    revokedAt: apiTokens.revokedAt,
  })
  .from(apiTokens)
  .where(eq(apiTokens.digest, dsql.placeholder("digest")))
  .limit(1)
  .prepare("verify_token_by_digest");

/**
 * Returns the token when it is well-formed, known, not revoked and not expired. No cache: revocation and expiry
 * hold on the very next request.
 */
export async function verifyToken(candidate: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!hasValidForm(candidate)) return null;
  const [row] = await findByDigest.execute({ digest: digestOf(candidate) });
  if (!row || row.revokedAt || now >= row.expiresAt) return null;
  return { id: row.id, name: row.name, permissions: row.permissions, expiresAt: row.expiresAt };
}

// At most one last-used write (and one "token.used" audit row) per token per minute, per process; the SQL guard
// covers several processes, so an early pass after the throttle forgets is harmless.
const shouldRecordUse = createThrottle(60_000, 50_000);

/** Records last use without holding up the request: the write is not awaited. */
export function noteTokenUse(token: Pick<VerifiedToken, "id" | "name">, ip: string | null, now = Date.now()): void {
  if (!shouldRecordUse(token.id, now)) return;
  recordUse(token, ip, new Date(now)).catch((error: unknown) => log.warn({ err: error }, "last-used write failed"));
}

async function recordUse(token: Pick<VerifiedToken, "id" | "name">, ip: string | null, at: Date): Promise<void> {
  const updated = await db
    .update(apiTokens)
    .set({ lastUsedAt: at, lastUsedIp: ip })
    .where(dsql`${apiTokens.id} = ${token.id} and (${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`)
    .returning({ id: apiTokens.id });
  if (updated.length > 0) {
    await recordAudit({ action: "token.used", actorTokenId: token.id, actorLabel: `token ${token.name}`, targetType: "api-token", targetId: token.id, ip });
  }
}
