import { Queue } from "bullmq";
import { failFastConnection, QUEUE_PREFIX } from "../queue/connection";
import { TOKEN_NOTICES_QUEUE, type TokenNoticeJob } from "../queue/contract";
import { existingSingleton, forgetSingleton, processSingleton } from "../util/process-singleton";
import { log } from "../log";
import { withTimeout } from "../util/timeout";

// SPEC §8: the worker checks at start and at least every 15 minutes.
export const NOTICE_CHECK_EVERY_MS = 15 * 60_000;
const SCHEDULER_ID = "token-notices";
// Never hold a request on an absent Redis: the scheduled check sends what is due later.
const ENQUEUE_TIMEOUT_MS = 750;
const QUEUE_KEY = "token-notices-queue";

export function tokenNoticesQueue(): Queue<TokenNoticeJob> {
  return processSingleton(QUEUE_KEY, () => {
    const queue = new Queue<TokenNoticeJob>(TOKEN_NOTICES_QUEUE, {
      prefix: QUEUE_PREFIX,
      connection: failFastConnection(),
    });
    queue.on("error", () => {}); // reconnects by itself; callers report their own failures
    return queue;
  });
}

const jobOptions = { removeOnComplete: true, removeOnFail: true } as const;

/**
 * Puts the repeating check in place when Redis lacks it (first start, or Redis flushed): one job scheduler, however
 * many workers call this. An existing one is left alone, so its timing is not reset.
 */
export async function ensureNoticeSchedule(): Promise<void> {
  const queue = tokenNoticesQueue();
  if (await queue.getJobScheduler(SCHEDULER_ID)) return;
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { every: NOTICE_CHECK_EVERY_MS },
    { name: "check", data: {}, opts: jobOptions },
  );
}

/** Asks a worker to check for due notices now; best effort (false when Redis did not take it: the schedule catches up). */
export async function requestNoticeCheck(): Promise<boolean> {
  try {
    await withTimeout(tokenNoticesQueue().add("check", {}, jobOptions), ENQUEUE_TIMEOUT_MS, "enqueue token notices");
    return true;
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "token notice check left to the schedule",
    );
    return false;
  }
}

export async function closeTokenNoticesQueue(): Promise<void> {
  await existingSingleton<Queue>(QUEUE_KEY)?.close();
  forgetSingleton(QUEUE_KEY);
}
