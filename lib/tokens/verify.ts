import { eq, or, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens, users } from "../db/schema";
import { digestOf, hasValidForm } from "./format";

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

// The lookup runs on every API request, so it is a prepared statement selecting only what is needed.
const findByDigest = db
  .select({
    id: apiTokens.id,
    name: apiTokens.name,
    permissions: apiTokens.permissions,
    expiresAt: apiTokens.expiresAt,
    revokedAt: apiTokens.revokedAt,
    digest: apiTokens.digest,
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
  .where(or(eq(apiTokens.digest, dsql.placeholder("digest")), eq(apiTokens.previousDigest, dsql.placeholder("digest"))))
  .limit(1)
  .prepare("verify_token_by_digest");

/**
 * Returns the token when it is well-formed, known, not revoked, not expired and its creator is not disabled. No cache: revocation and expiry
 * hold on the very next request.
 */
export async function verifyToken(candidate: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!hasValidForm(candidate)) return null;
  const digest = digestOf(candidate);
  const [row] = await findByDigest.execute({ digest });
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
