import { Queue } from "bullmq";
import { failFastConnection, QUEUE_PREFIX } from "../queue/connection";
import { SCHEDULES_QUEUE, type ScheduleJob } from "../queue/contract";
import { existingSingleton, forgetSingleton, processSingleton } from "../util/process-singleton";

const KEY = "schedules-queue";

/** The schedules queue, failing fast when Redis is away (a save in the console must never wait on it). */
export function schedulesQueue(): Queue<ScheduleJob> {
  return processSingleton(KEY, () => {
    const queue = new Queue<ScheduleJob>(SCHEDULES_QUEUE, { prefix: QUEUE_PREFIX, connection: failFastConnection() });
    queue.on("error", () => {}); // reconnects by itself; callers see their own command errors
    return queue;
  });
}

export async function closeSchedulesQueue(): Promise<void> {
  await existingSingleton<Queue<ScheduleJob>>(KEY)?.close();
  forgetSingleton(KEY);
}
