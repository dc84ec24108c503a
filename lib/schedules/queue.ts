import { Queue } from "bullmq";
import { bullConnection, QUEUE_PREFIX } from "../queue/connection";
import { SCHEDULES_QUEUE, type ScheduleJob } from "../queue/contract";

// After an outage, reconnect within a couple of seconds instead of BullMQ's default backoff of up to 20 s.
const RECONNECT_STEP_MS = 250;
const RECONNECT_MAX_MS = 2_000;
export const redisRetryStrategy = (times: number): number => Math.min(times * RECONNECT_STEP_MS, RECONNECT_MAX_MS);

const globalForSchedules = globalThis as unknown as { sluiceSchedulesQueue?: Queue<ScheduleJob> };

/** The schedules queue, failing fast when Redis is away (a save in the console must never wait on it). */
export function schedulesQueue(): Queue<ScheduleJob> {
  globalForSchedules.sluiceSchedulesQueue ??= (() => {
    const queue = new Queue<ScheduleJob>(SCHEDULES_QUEUE, {
      prefix: QUEUE_PREFIX,
      connection: bullConnection({
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        retryStrategy: redisRetryStrategy,
      }),
    });
    queue.on("error", () => {}); // reconnects by itself; callers see their own command errors
    return queue;
  })();
  return globalForSchedules.sluiceSchedulesQueue;
}

export async function closeSchedulesQueue(): Promise<void> {
  await globalForSchedules.sluiceSchedulesQueue?.close();
  globalForSchedules.sluiceSchedulesQueue = undefined;
}
