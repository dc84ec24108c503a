import type { SemanticModel, Subscription } from "../db/schema";
import { nextRunAt } from "./cron";
import { upcomingRuns } from "./plan";
import type { SubscriptionSchedule } from "./subscription-schedule";

/**
 * For lists and detail pages: when a subscription runs next by schedule (holidays skipped) — null when it is paused,
 * manual-only, Completed, or its stored schedule is invalid (a page must render whatever the row holds).
 */
export function nextSubscriptionRunAt(
  subscription: Pick<Subscription, "status" | keyof SubscriptionSchedule>,
  from: Date = new Date(),
  holidays: ReadonlySet<string> = new Set(),
): Date | null {
  if (subscription.status !== "active") return null;
  return safely(() => upcomingRuns(subscription, from, 1, holidays).find((run) => !run.skipped)?.at ?? null);
}

/** When a semantic model refreshes next by schedule; null for manual-only or an invalid stored schedule. */
export function nextModelRefreshAt(
  model: Pick<SemanticModel, "refreshFrequency" | "refreshTime" | "refreshTimeZone">,
  from: Date = new Date(),
): Date | null {
  return safely(() =>
    nextRunAt({ frequency: model.refreshFrequency, time: model.refreshTime, timeZone: model.refreshTimeZone }, from),
  );
}

function safely(next: () => Date | null): Date | null {
  try {
    return next();
  } catch {
    return null;
  }
}
