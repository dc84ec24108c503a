import { db } from "../db/client";
import { semanticModels, subscriptions, type SemanticModel, type Subscription } from "../db/schema";
import { log } from "../log";
import type { ScheduleJob } from "../queue/contract";
import { cronFor } from "./cron";
import { schedulesQueue } from "./queue";
import { withTimeout } from "../util/timeout";

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

export type ScheduleKind = ScheduleJob["kind"];
export type SubscriptionScheduleFields = Pick<
  Subscription,
  "id" | "status" | "frequency" | "time" | "timeZone" | "dayOfWeek" | "dayOfMonth"
>;
export type ModelScheduleFields = Pick<SemanticModel, "id" | "refreshFrequency" | "refreshTime" | "refreshTimeZone">;

type DesiredSchedule = { schedulerId: string; pattern: string; tz: string; job: ScheduleJob };

/** The BullMQ job scheduler id of a subscription's or model's schedule. */
export function schedulerId(kind: ScheduleKind, id: string): string {
  return kind === "subscription" ? `subscription:${id}` : `semantic-model:${id}`;
}

/**
 * After a subscription is saved, paused or resumed: schedules it when active and not manual-only, otherwise removes
 * its schedule. Best effort — returns false (and logs) instead of throwing or waiting when Redis is unreachable.
 */
export async function upsertSubscriptionSchedule(subscription: SubscriptionScheduleFields): Promise<boolean> {
  return bestEffort(
    () => apply(schedulerId("subscription", subscription.id), desiredForSubscription(subscription)),
    SYNC_TIMEOUT_MS,
  );
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
      .select({
        id: subscriptions.id,
        status: subscriptions.status,
        frequency: subscriptions.frequency,
        time: subscriptions.time,
        timeZone: subscriptions.timeZone,
        dayOfWeek: subscriptions.dayOfWeek,
        dayOfMonth: subscriptions.dayOfMonth,
      })
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
  const desired = new Map<string, DesiredSchedule>();
  for (const row of subscriptionRows) {
    const schedule = desiredForSubscription(row);
    if (schedule) desired.set(schedule.schedulerId, schedule);
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
        if (found && found.pattern === schedule.pattern && found.tz === schedule.tz) continue;
        await upsert(schedule);
        upserted++;
      }
      return { upserted, removed };
    })(),
    SYNC_ALL_TIMEOUT_MS,
    "schedule sync",
  );
}

function desiredForSubscription(subscription: SubscriptionScheduleFields): DesiredSchedule | null {
  if (subscription.status !== "active") return null;
  return desired(
    schedulerId("subscription", subscription.id),
    { kind: "subscription", subscriptionId: subscription.id },
    {
      frequency: subscription.frequency,
      time: subscription.time,
      timeZone: subscription.timeZone,
      dayOfWeek: subscription.dayOfWeek,
      dayOfMonth: subscription.dayOfMonth,
    },
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
    // A row saved before validation existed must not stop every other schedule from syncing.
    log.warn(
      { schedulerId: id, err: error instanceof Error ? error.message : String(error) },
      "invalid schedule left unscheduled",
    );
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
    { pattern: schedule.pattern, tz: schedule.tz },
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
