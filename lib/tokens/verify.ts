import { eq, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens, users } from "../db/schema";
import { digestOf, hasValidForm } from "./format";
import { tickBatch } from "../util/tick-batch";

export type VerifiedToken = {
  id: string;
  name: string;
  permissions: string[];
  expiresAt: Date;
  // When the secret presented stops working: the token's expiry, or the end of a replaced secret's grace period.
  secretExpiresAt: Date;
  subscriptionIds: string[] | null;
  semanticModelIds: string[] | null;
  allowedIps: string[];
};

// The lookup runs on every API request, so it is a prepared statement selecting only what is needed; requests
// arriving together share one execution of it.
const findByDigests = db
  .select({
    digest: apiTokens.digest,
    id: apiTokens.id,
    name: apiTokens.name,
    permissions: apiTokens.permissions,
    expiresAt: apiTokens.expiresAt,
    revokedAt: apiTokens.revokedAt,
    previousDigest: apiTokens.previousDigest,
    previousValidUntil: apiTokens.previousValidUntil,
    subscriptionIds: apiTokens.subscriptionIds,
    semanticModelIds: apiTokens.semanticModelIds,
    allowedIps: apiTokens.allowedIps,
    creatorDisabledAt: users.disabledAt,
  })
  .from(apiTokens)
  // SPEC §8: a disabled creator's tokens stop working; the join keeps that to the one look-up.
  .leftJoin(users, eq(users.id, apiTokens.createdBy))
  // The current secret or, during a regeneration's grace period, the one it replaced (both unique indexes).
  .where(
    dsql`${apiTokens.digest} = any(${dsql.placeholder("digests")}::text[]) or ${apiTokens.previousDigest} = any(${dsql.placeholder("digests")}::text[])`,
  )
  .prepare("verify_tokens_by_digest");

const findByDigest = tickBatch(async (digests: string[]) => {
  const rows = await findByDigests.execute({ digests: [...new Set(digests)] });
  const byDigest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    byDigest.set(row.digest, row);
    if (row.previousDigest) byDigest.set(row.previousDigest, row);
  }
  return digests.map((digest) => byDigest.get(digest));
});

/**
 * Returns the token when it is well-formed, known, not revoked, not expired and its creator is not disabled. No cache: revocation and expiry
 * hold on the very next request.
 */
export async function verifyToken(candidate: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!hasValidForm(candidate)) return null;
  const digest = digestOf(candidate);
  const row = await findByDigest(digest);
  if (!row || row.revokedAt || row.creatorDisabledAt || now >= row.expiresAt) return null;
  const secretExpiresAt = row.digest === digest ? row.expiresAt : row.previousValidUntil;
  if (!secretExpiresAt || now >= secretExpiresAt) return null;
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions,
    expiresAt: row.expiresAt,
    secretExpiresAt,
    subscriptionIds: row.subscriptionIds,
    semanticModelIds: row.semanticModelIds,
    allowedIps: row.allowedIps,
  };
}
