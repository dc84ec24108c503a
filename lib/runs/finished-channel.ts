import { Redis } from "ioredis";
import { env } from "../env";
import { log } from "../log";
import { readyRedis } from "../redis";
import { withTimeout } from "../util/timeout";
import { processSingleton } from "../util/process-singleton";

// One channel for every run: each web instance subscribes once and wakes its own waiters; run ends are few enough
// that every instance hearing every one costs nothing, and a per-run SUBSCRIBE would cost two commands per request.
const CHANNEL = `${env.QUEUE_PREFIX}:runs:finished`;
const PUBLISH_TIMEOUT_MS = 1_000;
// A wait must not hang on an absent Redis: without a subscription in this time, the answer is given at once.
const SUBSCRIBE_TIMEOUT_MS = 1_000;

/** Tells waiting requests on every web instance that a run has reached its final state (after that commit). */
export async function publishRunFinished(runId: string): Promise<void> {
  try {
    const redis = await readyRedis();
    await withTimeout(redis.publish(CHANNEL, runId), PUBLISH_TIMEOUT_MS, "publish run finished");
  } catch (error) {
    // A waiter that misses this reads the run again when its time is up.
    log.warn({ runId, err: error instanceof Error ? error.message : String(error) }, "run end not published");
  }
}

type Listener = { redis: Redis; waiters: Map<string, Set<() => void>>; subscribed: Promise<unknown> };

function listener(): Listener {
  return processSingleton("run-finished-listener", () => {
    // A subscribed connection can run nothing else, so it is its own; ioredis subscribes again after a reconnect.
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, connectTimeout: 2_000 });
    redis.on("error", () => {});
    const waiters = new Map<string, Set<() => void>>();
    redis.on("message", (_channel: string, runId: string) => {
      for (const wake of waiters.get(runId) ?? []) wake();
    });
    const subscribed = redis.subscribe(CHANNEL);
    subscribed.catch(() => {});
    return { redis, waiters, subscribed };
  });
}

export type RunEndWait = {
  /** Resolves when the run's end is announced or the time is up (true when announced). */
  ended: Promise<boolean>;
  cancel(): void;
};

/**
 * Starts listening for one run's end. Call before reading the run's state, so an end between that read and the wait
 * is not missed. Holds nothing but an entry in this process's map: no database connection while waiting.
 */
export async function listenForRunEnd(runId: string, timeoutMs: number): Promise<RunEndWait | null> {
  const { waiters, subscribed, redis } = listener();
  try {
    await withTimeout(subscribed, SUBSCRIBE_TIMEOUT_MS, "subscribe to run ends");
  } catch {
    return null;
  }
  if (redis.status !== "ready") return null;
  let wake: (announced: boolean) => void = () => {};
  const ended = new Promise<boolean>((resolve) => {
    wake = resolve;
  });
  const onEnd = () => wake(true);
  const set = waiters.get(runId) ?? new Set();
  set.add(onEnd);
  waiters.set(runId, set);
  const cancel = (): void => {
    clearTimeout(timer);
    set.delete(onEnd);
    if (set.size === 0 && waiters.get(runId) === set) waiters.delete(runId);
    wake(false);
  };
  const timer = setTimeout(cancel, timeoutMs);
  void ended.then(cancel);
  return { ended, cancel };
}
