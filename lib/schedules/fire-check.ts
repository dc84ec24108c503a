import type { Job } from "bullmq";
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { subscriptions } from "../db/schema";
import { holidayDates } from "../holidays/repository";
import { decideFire, type FireDecision } from "./plan";
import { subscriptionScheduleColumns } from "./sync";

/**
 * The instant a schedule job was meant for, whenever a worker takes it: a job scheduler's job carries it as
 * `prevMillis`, a Once job's id ends with it.
 */
export function intendedFireTime(job: Pick<Job, "id" | "opts" | "timestamp">): Date {
  if (typeof job.opts.prevMillis === "number") return new Date(job.opts.prevMillis);
  const suffix = /-(\d{10,})$/.exec(job.id ?? "");
  return new Date(suffix ? Number(suffix[1]) : job.timestamp);
}

/**
 * Whether a subscription's schedule fire starts a run, decided from the row as it is now (its schedule may have changed
 * since the job was queued) and its holiday calendar. A deleted subscription is left to startSubscriptionRun to report.
 */
export async function subscriptionFireDecision(subscriptionId: string, at: Date): Promise<FireDecision> {
  const [row] = await db
    .select({ ...subscriptionScheduleColumns, holidayCalendarId: subscriptions.holidayCalendarId })
    .from(subscriptions)
    .where(eq(subscriptions.id, subscriptionId))
    .limit(1);
  if (!row) return { run: true };
  return decideFire(row, at, await holidayDates(row.holidayCalendarId));
}
