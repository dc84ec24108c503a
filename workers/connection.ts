import type { ConnectionOptions } from "bullmq";
import { bullConnection } from "../lib/queue/connection";
import { redisRetryStrategy as retryStrategy } from "../lib/schedules/queue";

/** For BullMQ Workers: blocking commands wait for a reconnect instead of failing (BullMQ requires this). */
export function workerConnection(): ConnectionOptions {
  return bullConnection({ maxRetriesPerRequest: null, retryStrategy });
}

/** For the reconciler's queue: commands fail at once while Redis is away, so a pass ends and the next one retries. */
export function failFastConnection(): ConnectionOptions {
  return bullConnection({ enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy });
}
