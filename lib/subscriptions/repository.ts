import { and, eq, inArray, sql as dsql, type SQL } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { newestFirst, olderThan, type KeysetCursor } from "../db/keyset";
import { readPage, timeKey, type KeysetOrder, type PagePosition } from "../db/keyset-page";
import { reports, runs, subscriptions, type Subscription } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { notFound } from "../domain-error";
import { removeSchedule, upsertSubscriptionSchedule } from "../schedules/sync";
import { requireHolidayCalendar } from "../holidays/repository";
import { scheduleColumns } from "../schedules/subscription-schedule";
import type { SubscriptionInput } from "./schemas";
import { checkRecipientsSource } from "./recipients-check";

// Each subquery reads one entry of runs_subscription_idx: its order (created_at desc, id desc, nulls first as
// Postgres' desc is) is the index's, so no subscription's runs are sorted, however many there are.
const lastRun = {
  lastRunAt:
    dsql<Date | null>`(select ${runs.createdAt} from ${runs} where ${runs.subscriptionId} = ${subscriptions.id} order by ${runs.createdAt} desc, ${runs.id} desc limit 1)`.mapWith(
      (v: string | Date | null) => (v === null ? null : new Date(v)),
    ),
  lastRunStatus: dsql<
    string | null
  >`(select ${runs.status} from ${runs} where ${runs.subscriptionId} = ${subscriptions.id} order by ${runs.createdAt} desc, ${runs.id} desc limit 1)`,
};

export const SUBSCRIPTIONS_PAGE_SIZE = 50;

// Served by subscriptions_created_at_idx: newest first, so a subscription just made is on the first page.
const NEWEST_SUBSCRIPTIONS_FIRST: KeysetOrder = {
  key: subscriptions.createdAt,
  id: subscriptions.id,
  descending: true,
};

const subscriptionRows = (bound: SQL | undefined, orderBy: SQL[], limit: number) =>
  db
    .select({ subscription: subscriptions, reportName: reports.name, ...lastRun })
    .from(subscriptions)
    .innerJoin(reports, eq(reports.id, subscriptions.reportId))
    .where(bound)
    .orderBy(...orderBy)
    .limit(limit);

/** One page of subscriptions for the console, newest first, with each one's last run and Next / Previous cursors. */
export async function pageSubscriptionsForConsole(position: PagePosition, size = SUBSCRIPTIONS_PAGE_SIZE) {
  return readPage({
    order: NEWEST_SUBSCRIPTIONS_FIRST,
    position,
    size,
    cursorOf: (row) => [timeKey(row.subscription.createdAt), row.subscription.id],
    query: subscriptionRows,
  });
}

/** Keyset page for the API, newest first, limited to `only` when given (a token's scope). Returns limit + 1 rows. */
export async function pageSubscriptions(limit: number, after: KeysetCursor | null, only: string[] | null = null) {
  return db
    .select({ subscription: subscriptions, ...lastRun })
    .from(subscriptions)
    .where(and(olderThan(subscriptions, after), only ? inArray(subscriptions.id, only) : undefined))
    .orderBy(...newestFirst(subscriptions))
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

type Change = { action: string; details?: Record<string, unknown> };

/**
 * Applies one change to a subscription with its audit row in the same transaction, then brings its schedule in step
 * (best effort: the worker's reconciler repairs what Redis missed). Throws not_found when it no longer exists.
 */
async function changeSubscription(
  actor: Actor,
  write: (tx: Tx) => Promise<Subscription | undefined>,
  change: (row: Subscription) => Change,
  schedule: (row: Subscription) => Promise<unknown>,
): Promise<Subscription> {
  const saved = await db.transaction(async (tx) => {
    const row = await write(tx);
    if (!row) throw notFound("subscription");
    const { action, details } = change(row);
    await writeAudit(tx, { action, ...actorColumns(actor), targetType: "subscription", targetId: row.id, details });
    return row;
  });
  await schedule(saved);
  return saved;
}

export async function saveSubscription(input: SubscriptionInput, actor: Actor): Promise<Subscription> {
  await checkRecipientsSource(input);
  const { id, ...form } = input;
  // The form's schedule fields become the schedule's columns (drizzle writes only the table's columns).
  const fields = { ...form, ...scheduleColumns(form) };
  return changeSubscription(
    actor,
    async (tx) => {
      if (fields.holidayCalendarId) await requireHolidayCalendar(tx, fields.holidayCalendarId);
      return id
        ? (
            await tx
              .update(subscriptions)
              .set({ ...fields, updatedAt: new Date() })
              .where(eq(subscriptions.id, id))
              .returning()
          )[0]
        : (
            await tx
              .insert(subscriptions)
              .values({ ...fields, createdBy: actor.userId })
              .returning()
          )[0];
    },
    (row) => ({
      action: id ? "subscription.updated" : "subscription.created",
      // A recipients query is warehouse SQL like a report's: its text is kept with the change (SPEC §7).
      details: { name: row.name, ...(row.recipientsQuery ? { recipientsQuery: row.recipientsQuery } : {}) },
    }),
    upsertSubscriptionSchedule,
  );
}

/** Pause and Resume: the status changes and the schedule follows (a paused subscription has none). */
export async function setSubscriptionStatus(id: string, status: "active" | "paused", actor: Actor) {
  return changeSubscription(
    actor,
    async (tx) =>
      (
        await tx
          .update(subscriptions)
          .set({ status, updatedAt: new Date() })
          .where(eq(subscriptions.id, id))
          .returning()
      )[0],
    () => ({ action: status === "paused" ? "subscription.paused" : "subscription.resumed" }),
    upsertSubscriptionSchedule,
  );
}

export async function deleteSubscription(id: string, actor: Actor): Promise<Subscription> {
  return changeSubscription(
    actor,
    async (tx) => (await tx.delete(subscriptions).where(eq(subscriptions.id, id)).returning())[0],
    (row) => ({ action: "subscription.deleted", details: { name: row.name } }),
    (row) => removeSchedule("subscription", row.id),
  );
}
