import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { subscriptions, type Subscription } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { notFound } from "../domain-error";
import { MAX_NAME_LENGTH } from "../forms/zod-helpers";

/**
 * Duplicate: a copy of every setting under the name "Copy of …", paused so it mails nobody until an admin has looked
 * at it. The copy is the duplicating admin's (failure notices go to them) and starts with no delivery history.
 */
export async function duplicateSubscription(id: string, actor: Actor): Promise<Subscription> {
  return db.transaction(async (tx) => {
    const [source] = await tx.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
    if (!source) throw notFound("subscription");
    const [copy] = await tx
      .insert(subscriptions)
      .values({
        ...source,
        // New identity and times; no delivery history.
        id: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        lastDeliveredDigest: null,
        name: `Copy of ${source.name}`.slice(0, MAX_NAME_LENGTH),
        status: "paused",
        createdBy: actor.userId,
      })
      .returning();
    if (!copy) throw notFound("subscription");
    await writeAudit(tx, {
      action: "subscription.duplicated",
      ...actorColumns(actor),
      targetType: "subscription",
      targetId: copy.id,
      details: { name: copy.name, from: id },
    });
    return copy;
  });
}
