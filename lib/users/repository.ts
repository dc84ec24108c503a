import { and, asc, eq, isNull, ne, sql as dsql } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { firstRow } from "../db/first-row";
import { users } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, notFound } from "../domain-error";
import { hashPassword } from "./password";

// What any query may read of a user; the password hash is added only where sign-in checks it.
const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
};

/** The only query that reads a password hash: sign-in. */
export async function findUserForSignIn(email: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(dsql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findSessionUser(id: string) {
  const [row] = await db
    .select({ ...userColumns, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

export async function markSignedIn(id: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}

export async function listUsers() {
  return db
    .select({
      ...userColumns,
      lastSignInAt: users.lastSignInAt,
      // What disabling the user stops (SPEC §8): their live tokens answer 401 while they are disabled.
      // Spelled out: drizzle leaves column names unqualified here, which would bind to the token's own id.
      activeTokens: dsql<number>`(select count(*)::int from api_tokens t
        where t.created_by = users.id and t.revoked_at is null and t.expires_at > now())`,
    })
    .from(users)
    .orderBy(asc(users.email));
}

export async function countUsers(): Promise<number> {
  return firstRow(await db.select({ n: dsql<number>`count(*)::int` }).from(users)).n;
}

export async function createUser(
  input: { email: string; name: string; role: "admin" | "viewer"; password: string },
  actor: Actor,
) {
  const existing = await findUserForSignIn(input.email);
  if (existing) throw new DomainError("invalid", "A user with this e-mail already exists.");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = firstRow(
      await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: input.role, passwordHash })
        .returning({ id: users.id }),
    );
    await writeAudit(tx, {
      action: "user.created",
      ...actorColumns(actor),
      targetType: "user",
      targetId: row.id,
      details: { email: input.email, role: input.role },
    });
    return row;
  });
}

type UserChange = { action: string; details?: Record<string, unknown> };

/**
 * Applies a change to a user with its audit row in one transaction. A change that could remove an active admin
 * (`mayRemoveAdmin`) is refused when none would remain.
 */
async function changeUser(
  userId: string,
  actor: Actor,
  mayRemoveAdmin: boolean,
  apply: (tx: Tx) => Promise<unknown>,
  change: UserChange,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (mayRemoveAdmin) {
      // One admin-changing transaction at a time, so two cannot each remove "the other" last admin.
      await tx.execute(dsql`select pg_advisory_xact_lock(hashtext('users.admins'))`);
      const [others] = await tx
        .select({ n: dsql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)));
      if (!others?.n) throw new DomainError("invalid", "The last active admin cannot be disabled or demoted.");
    }
    await apply(tx);
    await writeAudit(tx, { ...change, ...actorColumns(actor), targetType: "user", targetId: userId });
  });
}

/** Disabling ends the user's sessions at once (sessionVersion); enabling lets them sign in again. */
export async function setUserDisabled(userId: string, disabled: boolean, actor: Actor): Promise<void> {
  await changeUser(
    userId,
    actor,
    disabled,
    (tx) =>
      tx
        .update(users)
        .set({ disabledAt: disabled ? new Date() : null, sessionVersion: dsql`${users.sessionVersion} + 1` })
        .where(eq(users.id, userId)),
    { action: disabled ? "user.disabled" : "user.enabled" },
  );
}

/** A role change takes effect on the user's next request: getCurrentUser re-reads the role every time. */
export async function setUserRole(userId: string, role: "admin" | "viewer", actor: Actor): Promise<void> {
  await changeUser(
    userId,
    actor,
    role === "viewer",
    (tx) => tx.update(users).set({ role }).where(eq(users.id, userId)),
    { action: "user.role-changed", details: { role } },
  );
}

/**
 * Replaces a user's password and bumps their session version, which ends every session they have; returns the new
 * version so the caller can keep one session going (a user changing their own password stays signed in there).
 */
export async function setUserPassword(
  userId: string,
  password: string,
  actor: Actor,
  action: "user.password-set" | "user.password-changed",
): Promise<number> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: dsql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ sessionVersion: users.sessionVersion });
    if (!row) throw notFound("user");
    await writeAudit(tx, { action, ...actorColumns(actor), targetType: "user", targetId: userId });
    return row.sessionVersion;
  });
}
