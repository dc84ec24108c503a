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

/** The repeating check (one job scheduler, however many workers upsert it) and one check now. */
export async function scheduleNoticeChecks(): Promise<void> {
  const queue = tokenNoticesQueue();
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { every: NOTICE_CHECK_EVERY_MS },
    { name: "check", data: {}, opts: jobOptions },
  );
  await requestNoticeCheck();
}

/** Asks a worker to check for due notices now (after a leak report); best effort, the schedule catches up. */
export async function requestNoticeCheck(): Promise<void> {
  try {
    await withTimeout(tokenNoticesQueue().add("check", {}, jobOptions), ENQUEUE_TIMEOUT_MS, "enqueue token notices");
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "token notice check left to the schedule",
    );
  }
}

export async function closeTokenNoticesQueue(): Promise<void> {
  await existingSingleton<Queue>(QUEUE_KEY)?.close();
  forgetSingleton(QUEUE_KEY);
}
