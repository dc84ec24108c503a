import { and, asc, eq } from "drizzle-orm";
import { db } from "../db/client";
import { subscriptionUnsubscribes, subscriptions } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError } from "../domain-error";

/** Addresses (lower case) that unsubscribed from a subscription. */
export async function unsubscribedAddresses(subscriptionId: string): Promise<Set<string>> {
  const rows = await db
    .select({ email: subscriptionUnsubscribes.email })
    .from(subscriptionUnsubscribes)
    .where(eq(subscriptionUnsubscribes.subscriptionId, subscriptionId));
  return new Set(rows.map((row) => row.email));
}

export async function listUnsubscribed(subscriptionId: string) {
  return db
    .select({ email: subscriptionUnsubscribes.email, at: subscriptionUnsubscribes.at })
    .from(subscriptionUnsubscribes)
    .where(eq(subscriptionUnsubscribes.subscriptionId, subscriptionId))
    .orderBy(asc(subscriptionUnsubscribes.email));
}

/**
 * The address asked (through its signed link) to get no more of this subscription. Idempotent: a second click or a
 * mail client's repeated one-click POST changes nothing. Returns false when the subscription is gone.
 */
export async function unsubscribe(subscriptionId: string, email: string, ip: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [subscription] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId))
      .limit(1);
    if (!subscription) return false;
    const inserted = await tx
      .insert(subscriptionUnsubscribes)
      .values({ subscriptionId, email })
      .onConflictDoNothing()
      .returning({ email: subscriptionUnsubscribes.email });
    if (inserted.length > 0) {
      await writeAudit(tx, {
        action: "subscription.unsubscribed",
        actorLabel: email,
        ip,
        targetType: "subscription",
        targetId: subscriptionId,
        details: { email },
      });
    }
    return true;
  });
}

/** Remove: the address gets the subscription's e-mails again. */
export async function resubscribe(subscriptionId: string, email: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(subscriptionUnsubscribes)
      .where(
        and(
          eq(subscriptionUnsubscribes.subscriptionId, subscriptionId),
          eq(subscriptionUnsubscribes.email, email.toLowerCase()),
        ),
      )
      .returning({ email: subscriptionUnsubscribes.email });
    if (removed.length === 0) throw new DomainError("not_found", `${email} is not unsubscribed.`);
    await writeAudit(tx, {
      action: "subscription.resubscribed",
      ...actorColumns(actor),
      targetType: "subscription",
      targetId: subscriptionId,
      details: { email: email.toLowerCase() },
    });
  });
}
