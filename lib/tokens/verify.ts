import { eq, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens, users } from "../db/schema";
import { digestOf, hasValidForm } from "./format";
import { tickBatch } from "../util/tick-batch";

export type VerifiedToken = { id: string; name: string; permissions: string[]; expiresAt: Date };

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
    creatorDisabledAt: users.disabledAt,
  })
  .from(apiTokens)
  // SPEC §8: a disabled creator's tokens stop working; the join keeps that to the one look-up.
  .leftJoin(users, eq(users.id, apiTokens.createdBy))
  .where(dsql`${apiTokens.digest} = any(${dsql.placeholder("digests")}::text[])`)
  .prepare("verify_tokens_by_digest");

const findByDigest = tickBatch(async (digests: string[]) => {
  const rows = await findByDigests.execute({ digests: [...new Set(digests)] });
  const byDigest = new Map(rows.map((row) => [row.digest, row]));
  return digests.map((digest) => byDigest.get(digest));
});

/**
 * Returns the token when it is well-formed, known, not revoked, not expired and its creator is not disabled. No cache: revocation and expiry
 * hold on the very next request.
 */
export async function verifyToken(candidate: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!hasValidForm(candidate)) return null;
  const row = await findByDigest(digestOf(candidate));
  if (!row || row.revokedAt || row.creatorDisabledAt || now >= row.expiresAt) return null;
  return { id: row.id, name: row.name, permissions: row.permissions, expiresAt: row.expiresAt };
}
