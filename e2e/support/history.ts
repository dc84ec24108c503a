// Rows of history written straight into the database, for lists longer than one page.
import { randomUUID } from "node:crypto";

const SECOND_MS = 1_000;

/** `count` finished runs of a subscription, one a second back from now, newest first in the order they are returned. */
export async function insertSubscriptionRuns(subscriptionId: string, count: number): Promise<string[]> {
  const { db } = await import("../../lib/db/client");
  const { runs } = await import("../../lib/db/schema");
  const now = Date.now();
  const rows = await db
    .insert(runs)
    .values(
      Array.from({ length: count }, (_, i) => {
        const at = new Date(now - (i + 1) * SECOND_MS);
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
