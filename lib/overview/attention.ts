import { and, desc, eq, gt, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens, runs, semanticModels, subscriptions, webhookEndpoints } from "../db/schema";
import { holidaysById } from "../holidays/repository";
import { nextModelRefreshAt, nextSubscriptionRunAt } from "../schedules/next-run";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// The home page looks this far ahead for scheduled runs, and warns of tokens expiring within this many days.
export const UPCOMING_HOURS = 24;
export const EXPIRING_WITHIN_DAYS = 7;
// The latest failures shown: enough to spot a pattern, few enough to read.
export const LATEST_FAILURES = 10;

export type UpcomingRun = { at: Date; kind: "subscription" | "semantic-model-refresh"; id: string; name: string };

/** The next scheduled run of each subscription and model, when due within UPCOMING_HOURS, soonest first. */
export async function upcomingScheduledRuns(now = new Date()): Promise<UpcomingRun[]> {
  const until = now.getTime() + UPCOMING_HOURS * HOUR_MS;
  const [subscriptionRows, modelRows, holidays] = await Promise.all([
    db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.status, "active"), ne(subscriptions.frequency, "manual"))),
    db
      .select({
        id: semanticModels.id,
        name: semanticModels.name,
        refreshFrequency: semanticModels.refreshFrequency,
        refreshTime: semanticModels.refreshTime,
        refreshTimeZone: semanticModels.refreshTimeZone,
      })
      .from(semanticModels)
      .where(ne(semanticModels.refreshFrequency, "manual")),
    holidaysById(),
  ]);
  const upcoming: UpcomingRun[] = [
    ...subscriptionRows.map((row) => ({
      at: nextSubscriptionRunAt(row, now, holidays.get(row.holidayCalendarId ?? "")),
      kind: "subscription" as const,
      id: row.id,
      name: row.name,
    })),
    ...modelRows.map((row) => ({
      at: nextModelRefreshAt(row, now),
      kind: "semantic-model-refresh" as const,
      id: row.id,
      name: row.name,
    })),
  ].flatMap((item) => (item.at && item.at.getTime() <= until ? [{ ...item, at: item.at }] : []));
  return upcoming.sort((a, b) => a.at.getTime() - b.at.getTime() || a.name.localeCompare(b.name));
}

/** Active tokens that expire within EXPIRING_WITHIN_DAYS, soonest first. No secret or digest leaves here. */
export async function expiringTokens(now = new Date()) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, hint: apiTokens.hint, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(
      and(
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
        lte(apiTokens.expiresAt, new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS)),
      ),
    )
    .orderBy(apiTokens.expiresAt);
}

/** The latest failed runs with their errors, newest first (runs_failed_idx). */
export async function latestFailures(limit = LATEST_FAILURES) {
  return db
    .select({
      id: runs.id,
      kind: runs.kind,
      finishedAt: runs.finishedAt,
      error: runs.error,
      subscriptionName: subscriptions.name,
      modelName: semanticModels.name,
    })
    .from(runs)
    .leftJoin(subscriptions, eq(subscriptions.id, runs.subscriptionId))
    .leftJoin(semanticModels, eq(semanticModels.id, runs.semanticModelId))
    .where(eq(runs.status, "failed"))
    .orderBy(desc(runs.finishedAt))
    .limit(limit);
}

/** Whether any webhook endpoint exists, and those failing now (a run of failed attempts not yet ended by a success). */
export async function webhookHealth() {
  const [any] = await db
    .select({ exists: sql<boolean>`true` })
    .from(webhookEndpoints)
    .limit(1);
  if (!any) return { hasEndpoints: false, failing: [] };
  const failing = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      status: webhookEndpoints.status,
      failingSince: webhookEndpoints.failingSince,
      disabledReason: webhookEndpoints.disabledReason,
    })
    .from(webhookEndpoints)
    .where(isNotNull(webhookEndpoints.failingSince))
    .orderBy(webhookEndpoints.failingSince);
  return { hasEndpoints: true, failing };
}
