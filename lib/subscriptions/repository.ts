import { and, asc, desc, eq, lt, or, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { reports, runs, subscriptions, type Subscription } from "../db/schema";
import type { SubscriptionInput } from "./schemas";

export class SubscriptionNotFoundError extends Error {}

const lastRun = {
  lastRunAt:
    dsql<Date | null>`(select max(${runs.createdAt}) from ${runs} where ${runs.subscriptionId} = ${subscriptions.id})`.mapWith(
      (v: string | Date | null) => (v === null ? null : new Date(v)),
    ),
  lastRunStatus: dsql<
    string | null
  >`(select ${runs.status} from ${runs} where ${runs.subscriptionId} = ${subscriptions.id} order by ${runs.createdAt} desc limit 1)`,
};

export async function listSubscriptions() {
  return db
    .select({ subscription: subscriptions, reportName: reports.name, ...lastRun })
    .from(subscriptions)
    .innerJoin(reports, eq(reports.id, subscriptions.reportId))
    .orderBy(asc(subscriptions.name));
}

/** Keyset page for the API, newest first. Returns limit + 1 rows. */
export async function pageSubscriptions(limit: number, after: { createdAt: string; id: string } | null) {
  const at = after ? new Date(after.createdAt) : null;
  return db
    .select({ subscription: subscriptions, ...lastRun })
    .from(subscriptions)
    .where(
      at && after
        ? or(lt(subscriptions.createdAt, at), and(eq(subscriptions.createdAt, at), lt(subscriptions.id, after.id)))
        : undefined,
    )
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(limit + 1);
}

export async function getSubscription(id: string) {
  const [row] = await db
    .select({ subscription: subscriptions, reportName: reports.name })
    .from(subscriptions)
    .innerJoin(reports, eq(reports.id, subscriptions.reportId))
    .where(eq(subscriptions.id, id))
    .limit(1);
  return row ?? null;
}

export async function subscriptionExists(id: string): Promise<boolean> {
  const [row] = await db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
  return row !== undefined;
}

export async function saveSubscription(input: SubscriptionInput): Promise<Subscription> {
  const { id, ...fields } = input;
  if (id) {
    const [row] = await db
      .update(subscriptions)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(subscriptions.id, id))
      .returning();
    if (!row) throw new SubscriptionNotFoundError();
    return row;
  }
  const [row] = await db.insert(subscriptions).values(fields).returning();
  return row;
}

export async function setSubscriptionStatus(id: string, status: "active" | "paused"): Promise<Subscription | null> {
  const [row] = await db
    .update(subscriptions)
    .set({ status, updatedAt: new Date() })
    .where(eq(subscriptions.id, id))
    .returning();
  return row ?? null;
}

export async function deleteSubscription(id: string): Promise<Subscription | null> {
  const [row] = await db.delete(subscriptions).where(eq(subscriptions.id, id)).returning();
  return row ?? null;
}
