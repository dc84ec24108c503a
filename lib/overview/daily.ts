import { gte } from "drizzle-orm";
import { db } from "../db/client";
import { deliveryDailyCounts, runDailyCounts } from "../db/schema";

// The home page's charts cover this many UTC days, today included.
export const OVERVIEW_DAYS = 30;
const DAY_MS = 86_400_000;

export type RunDay = {
  day: string;
  subscriptionSucceeded: number;
  subscriptionFailed: number;
  refreshSucceeded: number;
  refreshFailed: number;
};
export type DeliveryDay = { day: string; sent: number; failed: number };

/** The `days` UTC days ending with today's, oldest first, as `YYYY-MM-DD`. */
export function lastDays(now: Date, days = OVERVIEW_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Finished runs per day by kind and outcome, from the daily rollup (a few rows per day, whatever the run count). */
export async function runsPerDay(now = new Date()): Promise<RunDay[]> {
  const days = lastDays(now);
  const rows = await db
    .select()
    .from(runDailyCounts)
    .where(gte(runDailyCounts.day, days[0] ?? ""));
  const byDay = new Map<string, RunDay>(
    days.map((day) => [
      day,
      { day, subscriptionSucceeded: 0, subscriptionFailed: 0, refreshSucceeded: 0, refreshFailed: 0 },
    ]),
  );
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    const prefix = row.kind === "subscription" ? "subscription" : "refresh";
    if (row.status === "succeeded") entry[`${prefix}Succeeded`] += row.count;
    else if (row.status === "failed") entry[`${prefix}Failed`] += row.count;
  }
  return [...byDay.values()];
}

/** Report e-mails per day: sent and failed, from the daily rollup. */
export async function deliveriesPerDay(now = new Date()): Promise<DeliveryDay[]> {
  const days = lastDays(now);
  const rows = await db
    .select()
    .from(deliveryDailyCounts)
    .where(gte(deliveryDailyCounts.day, days[0] ?? ""));
  const byDay = new Map<string, DeliveryDay>(days.map((day) => [day, { day, sent: 0, failed: 0 }]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    // Skipped deliveries (unsubscribed, no rows) sent nothing and failed at nothing: the chart leaves them out.
    if (entry && row.status !== "skipped") entry[row.status] += row.count;
  }
  return [...byDay.values()];
}
