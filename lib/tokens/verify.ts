import { eq, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens } from "../db/schema";
import { log } from "../log";
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

// At most one last-used write per token per minute, per process; the SQL guard covers several processes.
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const lastWriteByToken = new Map<string, number>();

/** Records last use without holding up the request: the write is not awaited. */
export function noteTokenUse(tokenId: string, ip: string | null, now = Date.now()): void {
  const previous = lastWriteByToken.get(tokenId);
  if (previous !== undefined && now - previous < LAST_USED_WRITE_INTERVAL_MS) return;
  lastWriteByToken.set(tokenId, now);
  db.update(apiTokens)
    .set({ lastUsedAt: new Date(now), lastUsedIp: ip })
    .where(
      dsql`${apiTokens.id} = ${tokenId} and (${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
    )
    .catch((error: unknown) => log.warn({ err: error }, "last-used write failed"));
}
