import { and, eq, gt, inArray, isNull, or, sql as dsql, type SQL } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { firstRow } from "../db/first-row";
import { readPage, timeKey, type KeysetOrder, type PagePosition } from "../db/keyset-page";
import { apiTokens, semanticModels, subscriptions, users } from "../db/schema";
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
  // null: every subscription / model; a list: only those (each must exist when the token is made).
  subscriptionIds?: string[] | null;
  semanticModelIds?: string[] | null;
  allowedIps?: string[];
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
    await checkScopeExists(tx, input);
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
      details: {
        name: input.name,
        permissions: input.permissions,
        expiresAt: input.expiresAt.toISOString(),
        subscriptions: input.subscriptionIds ?? "all",
        semanticModels: input.semanticModelIds ?? "all",
        allowedIps: input.allowedIps ?? [],
      },
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
  previousHint: apiTokens.previousHint,
  previousValidUntil: apiTokens.previousValidUntil,
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

/** A scope naming a subscription or model that no longer exists is refused with a field error, and nothing is saved. */
async function checkScopeExists(tx: Tx, input: Pick<NewToken, "subscriptionIds" | "semanticModelIds">): Promise<void> {
  const errors: Record<string, string[]> = {};
  if (input.subscriptionIds) {
    const found = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(inArray(subscriptions.id, input.subscriptionIds));
    if (found.length !== new Set(input.subscriptionIds).size)
      errors.subscriptionIds = ["A selected subscription no longer exists"];
  }
  if (input.semanticModelIds) {
    const found = await tx
      .select({ id: semanticModels.id })
      .from(semanticModels)
      .where(inArray(semanticModels.id, input.semanticModelIds));
    if (found.length !== new Set(input.semanticModelIds).size)
      errors.semanticModelIds = ["A selected semantic model no longer exists"];
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
}

/**
 * Gives an active token a new secret (SPEC §8). The token keeps its name, permissions, scope and history; the old
 * secret keeps working for `graceMs` (0: it stops at once), which may not reach past the old secret's own expiry.
 */
export async function regenerateToken(
  id: string,
  change: { expiresAt: Date; graceMs: number },
  actor: Actor,
  now = new Date(),
): Promise<{ plaintext: string; name: string }> {
  const plaintext = generateToken();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ name: apiTokens.name, digest: apiTokens.digest, hint: apiTokens.hint, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
      .for("update");
    if (!row) throw new DomainError("not_found", "This token is revoked, expired or does not exist.");
    const oldValidUntil = change.graceMs > 0 ? new Date(now.getTime() + change.graceMs) : null;
    if (oldValidUntil && oldValidUntil > row.expiresAt) {
      throw invalidFields({
        grace: [`The old token expires before then (${row.expiresAt.toISOString()}); choose a shorter period`],
      });
    }
    await tx
      .update(apiTokens)
      .set({
        digest: digestOf(plaintext),
        hint: hintOf(plaintext),
        expiresAt: change.expiresAt,
        previousDigest: oldValidUntil ? row.digest : null,
        previousHint: oldValidUntil ? row.hint : null,
        previousValidUntil: oldValidUntil,
      })
      .where(eq(apiTokens.id, id));
    await writeAudit(tx, {
      action: "token.regenerated",
      ...actorColumns(actor),
      targetType: "api-token",
      targetId: id,
      details: {
        name: row.name,
        expiresAt: change.expiresAt.toISOString(),
        oldTokenValidUntil: (oldValidUntil ?? now).toISOString(),
      },
    });
    return { plaintext, name: row.name };
  });
}

/**
 * Revokes every live token among the reported strings (SPEC §8 leak reports), each with its audit row; returns the
 * ids revoked. A replaced secret still in its grace period counts as live: its token is revoked too.
 */
export async function revokeLeakedTokens(digests: string[], ip: string | null, now = new Date()): Promise<string[]> {
  if (digests.length === 0) return [];
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now, revokedReason: "leaked" })
      .where(
        and(
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, now),
          or(
            inArray(apiTokens.digest, digests),
            and(inArray(apiTokens.previousDigest, digests), gt(apiTokens.previousValidUntil, now)),
          ),
        ),
      )
      .returning({ id: apiTokens.id, name: apiTokens.name });
    for (const token of revoked) {
      await writeAudit(tx, {
        action: "token.revoked",
        actorLabel: "leak report",
        ip,
        targetType: "api-token",
        targetId: token.id,
        details: { name: token.name, reason: "leaked" },
      });
    }
    return revoked.map((token) => token.id);
  });
}

/** One token for its console page: every column but the digests. */
export async function getTokenDetails(id: string) {
  const [row] = await db
    .select({
      ...tokenListColumns,
      revokedReason: apiTokens.revokedReason,
      subscriptionIds: apiTokens.subscriptionIds,
      semanticModelIds: apiTokens.semanticModelIds,
      allowedIps: apiTokens.allowedIps,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.id, id))
    .limit(1);
  return row ?? null;
}

export type TokenDetails = NonNullable<Awaited<ReturnType<typeof getTokenDetails>>>;
