import { and, asc, eq, isNull, ne, sql as dsql } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { users } from "../db/schema";
import { hashPassword } from "../auth/password";

export class UserRuleError extends Error {}

/** The only query that reads a password hash: sign-in. */
export async function findUserForSignIn(email: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(dsql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findSessionUser(id: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
    })
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
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
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
  const [row] = await db.select({ n: dsql<number>`count(*)::int` }).from(users);
  return row.n;
}

export async function createUser(input: { email: string; name: string; role: "admin" | "viewer"; password: string }) {
  const existing = await findUserForSignIn(input.email);
  if (existing) throw new UserRuleError("A user with this e-mail already exists.");
  const [row] = await db
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id });
  return row;
}

/** Runs a change that could remove an active admin, refusing it if none would remain. */
async function guardLastAdmin(userId: string, change: (tx: Tx) => Promise<void>) {
  await db.transaction(async (tx) => {
    // One admin-changing transaction at a time, so two cannot each remove "the other" last admin.
    await tx.execute(dsql`select pg_advisory_xact_lock(hashtext('users.admins'))`);
    const [others] = await tx
      .select({ n: dsql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)));
    if (others.n === 0) throw new UserRuleError("The last active admin cannot be disabled or demoted.");
    await change(tx);
  });
}

export async function setUserDisabled(userId: string, disabled: boolean): Promise<void> {
  const apply = async (tx: typeof db | Tx) => {
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, sessionVersion: dsql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
  };
  if (disabled) await guardLastAdmin(userId, apply);
  else await apply(db);
}

export async function setUserRole(userId: string, role: "admin" | "viewer"): Promise<void> {
  const apply = async (tx: typeof db | Tx) => {
    await tx.update(users).set({ role }).where(eq(users.id, userId));
  };
  if (role === "viewer") await guardLastAdmin(userId, apply);
  else await apply(db);
}

/**
 * Replaces a user's password and bumps their session version, which ends every session they have; returns the new
 * version so the caller can keep one session going (a user changing their own password stays signed in there).
 */
export async function setUserPassword(userId: string, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: dsql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new UserRuleError("No such user.");
  return row.sessionVersion;
}
