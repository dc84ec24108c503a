import type { SemanticModel, Subscription } from "../db/schema";
import { nextRunAt } from "./cron";

/**
 * For lists and detail pages: when a subscription runs next by schedule — null when it is paused, manual-only, or its
 * stored schedule is invalid (a page must render whatever the row holds).
 */
export function nextSubscriptionRunAt(
  subscription: Pick<Subscription, "status" | "frequency" | "time" | "timeZone" | "dayOfWeek" | "dayOfMonth">,
  from: Date = new Date(),
): Date | null {
  if (subscription.status !== "active") return null;
  return safely(() => nextRunAt(subscription, from));
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
