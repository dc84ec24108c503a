// Token changes the console makes, written through the app's own domain functions for API specs (the console specs
// click through the same changes).
import { eq } from "drizzle-orm";
import { systemActor } from "../../lib/audit/record";
import { db } from "../../lib/db/client";
import { apiTokens } from "../../lib/db/schema";
import { regenerateToken } from "../../lib/tokens/repository";
import { rememberIssuedToken } from "./issued-tokens";

const DAY_MS = 86_400_000;

/** Regenerates a token through the domain; returns the new plaintext. */
export async function regenerate(id: string, graceMs: number, expiresInDays = 30): Promise<string> {
  const { plaintext } = await regenerateToken(
    id,
    { expiresAt: new Date(Date.now() + expiresInDays * DAY_MS), graceMs },
    systemActor("test fixture"),
  );
  rememberIssuedToken(plaintext);
  return plaintext;
}

/** Ends a regeneration's grace period now, as the passing of time would. */
export async function endGracePeriod(id: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ previousValidUntil: new Date(Date.now() - 1000) })
    .where(eq(apiTokens.id, id));
}

/** Where the leak-report and notice rows of a token stand. */
export async function tokenRow(id: string) {
  const [row] = await db
    .select({ revokedAt: apiTokens.revokedAt, revokedReason: apiTokens.revokedReason })
    .from(apiTokens)
    .where(eq(apiTokens.id, id));
  return row;
}
