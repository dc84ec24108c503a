import type { JobSchedulerJson } from "bullmq";
import { db } from "../db/client";
import { semanticModels, subscriptions, type SemanticModel, type Subscription } from "../db/schema";
import { log } from "../log";
import type { ScheduleJob } from "../queue/contract";
import { cronFor } from "./cron";
import { schedulePlan, isCompleted } from "./plan";
import { schedulesQueue } from "./queue";
import { withTimeout } from "../util/timeout";
import type { SubscriptionSchedule } from "./subscription-schedule";

/** The columns of a subscription's schedule, for selects that need only them. */
export const subscriptionScheduleColumns = {
  frequency: subscriptions.frequency,
  every: subscriptions.every,
  daysOfWeek: subscriptions.daysOfWeek,
  monthlyOn: subscriptions.monthlyOn,
  dayOfMonth: subscriptions.dayOfMonth,
  weekOfMonth: subscriptions.weekOfMonth,
  dayOfWeek: subscriptions.dayOfWeek,
  onceDate: subscriptions.onceDate,
  time: subscriptions.time,
  timeZone: subscriptions.timeZone,
  startDate: subscriptions.startDate,
  endDate: subscriptions.endDate,
} satisfies Record<keyof SubscriptionSchedule, unknown>;

// A console save waits at most this long on Redis; the worker's reconciler repairs anything missed.
const SYNC_TIMEOUT_MS = 1_500;
// The reconciler's full pass may touch every schedule.
const SYNC_ALL_TIMEOUT_MS = 10_000;
// A schedule job only writes a run row; retry it through a short database outage.
const SCHEDULE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "exponential" as const, delay: 5_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export type ScheduleKind = Exclude<ScheduleJob["kind"], "retention">;

// SPEC §10: the retention purge, once a day at a quiet hour; one scheduler for all workers, so it runs once.
export const RETENTION_SCHEDULE: DesiredSchedule = {
  schedulerId: "retention",
  pattern: "17 3 * * *",
  tz: "UTC",
  job: { kind: "retention" },
};
export type SubscriptionScheduleFields = Pick<Subscription, "id" | "status" | keyof SubscriptionSchedule>;
export type ModelScheduleFields = Pick<SemanticModel, "id" | "refreshFrequency" | "refreshTime" | "refreshTimeZone">;

type DesiredSchedule = {
  schedulerId: string;
  pattern: string;
  tz: string;
  startDate?: Date;
  endDate?: Date;
  job: ScheduleJob;
};
// SPEC §10 Once: one delayed job; its id names the subscription and the time, so any number of saves, reconciler
// passes and web instances add it once. A job left from an earlier time is skipped by the worker when it fires.
type DesiredOnce = { jobId: string; at: Date; job: ScheduleJob };

/** The id of a Once schedule's delayed job: the subscription and the instant it fires at. */
export function onceJobId(subscriptionId: string, at: Date): string {
  return `subscription-once-${subscriptionId}-${at.getTime()}`;
}

/** The BullMQ job scheduler id of a subscription's or model's schedule. */
export function schedulerId(kind: ScheduleKind, id: string): string {
  return kind === "subscription" ? `subscription:${id}` : `semantic-model:${id}`;
}

/**
 * After a subscription is saved, paused or resumed: schedules it when active and not manual-only, otherwise removes
 * its schedule. Best effort — returns false (and logs) instead of throwing or waiting when Redis is unreachable.
 */
export async function upsertSubscriptionSchedule(subscription: SubscriptionScheduleFields): Promise<boolean> {
  return bestEffort(async () => {
    const desired = desiredForSubscription(subscription);
    await apply(schedulerId("subscription", subscription.id), desired && "pattern" in desired ? desired : null);
    if (desired && "jobId" in desired) await addOnce(desired);
  }, SYNC_TIMEOUT_MS);
}

/** After a semantic model is saved: schedules its refresh, or removes it for manual-only. Best effort, like above. */
export async function upsertModelSchedule(model: ModelScheduleFields): Promise<boolean> {
  return bestEffort(
    () => apply(schedulerId("semantic-model-refresh", model.id), desiredForModel(model)),
    SYNC_TIMEOUT_MS,
  );
}

/** After a subscription or model is deleted. Best effort, like above. */
export async function removeSchedule(kind: ScheduleKind, id: string): Promise<boolean> {
  return bestEffort(() => apply(schedulerId(kind, id), null), SYNC_TIMEOUT_MS);
}

/**
 * Makes Redis hold exactly the schedules the database describes: adds missing ones, updates changed ones, removes
 * strays. Unchanged schedulers are left alone so their next run is not disturbed. Throws when Redis is unreachable.
 */
export async function syncAllSchedules(): Promise<{ upserted: number; removed: number }> {
  const [subscriptionRows, modelRows] = await Promise.all([
    db
      .select({ id: subscriptions.id, status: subscriptions.status, ...subscriptionScheduleColumns })
      .from(subscriptions),
    db
      .select({
        id: semanticModels.id,
        refreshFrequency: semanticModels.refreshFrequency,
        refreshTime: semanticModels.refreshTime,
        refreshTimeZone: semanticModels.refreshTimeZone,
      })
      .from(semanticModels),
  ]);
  const desired = new Map<string, DesiredSchedule>([[RETENTION_SCHEDULE.schedulerId, RETENTION_SCHEDULE]]);
  const onces: DesiredOnce[] = [];
  for (const row of subscriptionRows) {
    const schedule = desiredForSubscription(row);
    if (schedule && "jobId" in schedule) onces.push(schedule);
    else if (schedule) desired.set(schedule.schedulerId, schedule);
  }
  for (const row of modelRows) {
    const schedule = desiredForModel(row);
    if (schedule) desired.set(schedule.schedulerId, schedule);
  }

  return withTimeout(
    (async () => {
      const queue = schedulesQueue();
      const existing = await queue.getJobSchedulers(0, -1);
      let upserted = 0;
      let removed = 0;
      for (const scheduler of existing) {
        if (!desired.has(scheduler.key)) {
          await queue.removeJobScheduler(scheduler.key);
          removed++;
        }
      }
      const current = new Map(existing.map((scheduler) => [scheduler.key, scheduler]));
      for (const schedule of desired.values()) {
        const found = current.get(schedule.schedulerId);
        if (found && sameScheduler(found, schedule)) continue;
        await upsert(schedule);
        upserted++;
      }
      for (const once of onces) {
        if (await addOnce(once)) upserted++;
      }
      return { upserted, removed };
    })(),
    SYNC_ALL_TIMEOUT_MS,
    "schedule sync",
  );
}

/** A subscription's schedule: none while paused, manual-only or Completed (SPEC §10: past its end it does not run). */
function desiredForSubscription(subscription: SubscriptionScheduleFields): DesiredSchedule | DesiredOnce | null {
  if (subscription.status !== "active" || isCompleted(subscription)) return null;
  const id = schedulerId("subscription", subscription.id);
  const job: ScheduleJob = { kind: "subscription", subscriptionId: subscription.id };
  let plan: ReturnType<typeof schedulePlan>;
  try {
    plan = schedulePlan(subscription);
  } catch (error) {
    logInvalid(id, error);
    return null;
  }
  if (!plan) return null;
  if (plan.type === "once") return { jobId: onceJobId(subscription.id, plan.at), at: plan.at, job };
  return { schedulerId: id, job, pattern: plan.pattern, tz: plan.tz, startDate: plan.startDate, endDate: plan.endDate };
}

function sameScheduler(found: JobSchedulerJson, schedule: DesiredSchedule): boolean {
  return (
    found.pattern === schedule.pattern &&
    found.tz === schedule.tz &&
    found.startDate === schedule.startDate?.getTime() &&
    found.endDate === schedule.endDate?.getTime()
  );
}

/** Adds a Once job unless it exists (a job id is added once); false when it was already there. */
async function addOnce(once: DesiredOnce): Promise<boolean> {
  const queue = schedulesQueue();
  if (await queue.getJob(once.jobId)) return false;
  await queue.add(once.job.kind, once.job, {
    ...SCHEDULE_JOB_OPTIONS,
    jobId: once.jobId,
    delay: Math.max(0, once.at.getTime() - Date.now()),
  });
  return true;
}

function logInvalid(schedulerId: string, error: unknown) {
  // A row saved before validation existed must not stop every other schedule from syncing.
  log.warn(
    { schedulerId, err: error instanceof Error ? error.message : String(error) },
    "invalid schedule left unscheduled",
  );
}

// Models have no day columns: monthly refreshes run on the 1st (the schema's default).
function desiredForModel(model: ModelScheduleFields): DesiredSchedule | null {
  return desired(
    schedulerId("semantic-model-refresh", model.id),
    { kind: "semantic-model-refresh", semanticModelId: model.id },
    {
      frequency: model.refreshFrequency,
      time: model.refreshTime,
      timeZone: model.refreshTimeZone,
    },
  );
}

function desired(id: string, job: ScheduleJob, schedule: Parameters<typeof cronFor>[0]): DesiredSchedule | null {
  let pattern: string | null;
  try {
    pattern = cronFor(schedule);
  } catch (error) {
    logInvalid(id, error);
    return null;
  }
  return pattern ? { schedulerId: id, pattern, tz: schedule.timeZone, job } : null;
}

async function apply(id: string, schedule: DesiredSchedule | null): Promise<void> {
  if (schedule) await upsert(schedule);
  else await schedulesQueue().removeJobScheduler(id);
}

async function upsert(schedule: DesiredSchedule): Promise<void> {
  await schedulesQueue().upsertJobScheduler(
    schedule.schedulerId,
    {
      pattern: schedule.pattern,
      tz: schedule.tz,
      ...(schedule.startDate ? { startDate: schedule.startDate } : {}),
      ...(schedule.endDate ? { endDate: schedule.endDate } : {}),
    },
    { name: schedule.job.kind, data: schedule.job, opts: SCHEDULE_JOB_OPTIONS },
  );
}

async function bestEffort(work: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  try {
    await withTimeout(work(), timeoutMs, "schedule update");
    return true;
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "schedule not updated now; the worker's reconciler will",
    );
    return false;
  }
}
