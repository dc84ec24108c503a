// Rows of history written straight into the database, for lists longer than one page.
import { randomUUID } from "node:crypto";

const SECOND_MS = 1_000;
// History goes back from a day in the past, so that it never pushes the rows other specs just made off a first page.
export const HISTORY_ENDS_AT = Date.parse("2020-06-01T00:00:00Z");

/** `count` finished runs of a subscription, a second apart back from HISTORY_ENDS_AT, newest first as returned. */
export async function insertSubscriptionRuns(subscriptionId: string, count: number): Promise<string[]> {
  const { db } = await import("../../lib/db/client");
  const { runs } = await import("../../lib/db/schema");
  const rows = await db
    .insert(runs)
    .values(
      Array.from({ length: count }, (_, i) => {
        const at = new Date(HISTORY_ENDS_AT - i * SECOND_MS);
        return {
          kind: "subscription" as const,
          status: "succeeded" as const,
          subscriptionId,
          trigger: "console" as const,
          createdAt: at,
          startedAt: at,
          finishedAt: at,
          attempts: 1,
        };
      }),
    )
    .returning({ id: runs.id });
  return rows.map((r) => r.id);
}

/** Audit rows by one new actor, newest first; returns the actor's label. */
export async function insertAuditEvents(
  events: { action: string; at: Date; actorTokenId?: string; targetId?: string }[],
): Promise<string> {
  const { db } = await import("../../lib/db/client");
  const { auditEvents } = await import("../../lib/db/schema");
  const actorLabel = `auditor-${randomUUID().slice(0, 8)}@sluice.test`;
  await db.insert(auditEvents).values(
    events.map((e) => ({
      action: e.action,
      at: e.at,
      actorLabel,
      actorTokenId: e.actorTokenId ?? null,
      targetType: "subscription",
      targetId: e.targetId ?? randomUUID(),
    })),
  );
  return actorLabel;
}
