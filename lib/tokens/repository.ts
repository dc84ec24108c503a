import { and, eq, gt, isNull, sql as dsql, type SQL } from "drizzle-orm";
import { db } from "../db/client";
import { firstRow } from "../db/first-row";
import { readPage, timeKey, type KeysetOrder, type PagePosition } from "../db/keyset-page";
import { apiTokens, users } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, invalidFields } from "../domain-error";
import { digestOf, generateToken, hintOf } from "./format";
import type { Permission } from "./permissions";

export type NewToken = {
  name: string;
  description: string;
  permissions: Permission[];
  expiresAt: Date;
  createdBy: string;
};

/**
 * Creates a token and returns its plaintext: the only time it exists outside the caller's response. Its audit row
 * commits with it.
 */
export async function createToken(input: NewToken, actor: Actor): Promise<{ id: string; plaintext: string }> {
  const plaintext = generateToken();
  return db.transaction(async (tx) => {
    // Serialise creations so two concurrent forms cannot both take a name.
    await tx.execute(dsql`select pg_advisory_xact_lock(hashtext('api_tokens.name'))`);
    const clash = await tx
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.name, input.name), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, new Date())))
      .limit(1);
    if (clash.length > 0) throw invalidFields({ name: ["An active token already has this name"] });
    const row = firstRow(
      await tx
        .insert(apiTokens)
        .values({ ...input, digest: digestOf(plaintext), hint: hintOf(plaintext) })
        .returning({ id: apiTokens.id }),
    );
    await writeAudit(tx, {
      action: "token.created",
      ...actorColumns(actor),
      targetType: "api-token",
      targetId: row.id,
      details: { name: input.name, permissions: input.permissions, expiresAt: input.expiresAt.toISOString() },
    });
    return { id: row.id, plaintext };
  });
}

/** The list for the console: every column but the digest. */
const tokenListColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  description: apiTokens.description,
  hint: apiTokens.hint,
  permissions: apiTokens.permissions,
  createdAt: apiTokens.createdAt,
  createdByEmail: users.email,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
  lastUsedAt: apiTokens.lastUsedAt,
  lastUsedIp: apiTokens.lastUsedIp,
};

export const TOKENS_PAGE_SIZE = 50;

// Served by api_tokens_created_at_idx.
const NEWEST_TOKENS_FIRST: KeysetOrder = { key: apiTokens.createdAt, id: apiTokens.id, descending: true };

const tokenRows = (bound: SQL | undefined, orderBy: SQL[], limit: number) =>
  db
    .select(tokenListColumns)
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(bound)
    .orderBy(...orderBy)
    .limit(limit);

/** One page of tokens for the console, newest first, with Next / Previous cursors. */
export async function pageTokens(position: PagePosition, size = TOKENS_PAGE_SIZE) {
  return readPage({
    order: NEWEST_TOKENS_FIRST,
    position,
    size,
    cursorOf: (token) => [timeKey(token.createdAt), token.id],
    query: tokenRows,
  });
}

export type TokenListItem = Awaited<ReturnType<typeof pageTokens>>["items"][number];

/** Revokes an active token; it is refused from the very next request. */
export async function revokeToken(id: string, actor: Actor & { userId: string }): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ name: apiTokens.name });
    if (!row) throw new DomainError("not_found", "This token is already revoked or does not exist.");
    await writeAudit(tx, {
      action: "token.revoked",
      ...actorColumns(actor),
      targetType: "api-token",
      targetId: id,
      details: { name: row.name },
    });
    return row;
  });
}
