import type { ConnectionOptions } from "bullmq";
import type { RedisOptions } from "ioredis";
import { env } from "../env";

// After an outage, reconnect within a couple of seconds instead of ioredis's default backoff of up to 20 s.
const RECONNECT_STEP_MS = 250;
const RECONNECT_MAX_MS = 2_000;
// Opening a connection to an absent Redis gives up after this.
const CONNECT_TIMEOUT_MS = 2_000;

export const redisRetryStrategy = (times: number): number => Math.min(times * RECONNECT_STEP_MS, RECONNECT_MAX_MS);

/**
 * For every connection a request or a reconciler pass waits on: while Redis is away commands fail at once instead
 * of queueing offline, and the connection comes back by itself within seconds of Redis.
 */
export const FAIL_FAST_REDIS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: CONNECT_TIMEOUT_MS,
  retryStrategy: redisRetryStrategy,
};

/** BullMQ connection options from REDIS_URL; every queue and worker uses the same prefix. */
export function bullConnection(overrides: RedisOptions = {}): ConnectionOptions {
  const url = new URL(env.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === "rediss:" ? {} : undefined,
    ...overrides,
    // BullMQ's own options type does not name every ioredis option it passes on.
  } as ConnectionOptions;
}

/** For queues a request or a reconciler pass adds to: see FAIL_FAST_REDIS. */
export function failFastConnection(): ConnectionOptions {
  return bullConnection(FAIL_FAST_REDIS);
}

/** For BullMQ Workers: blocking commands wait for a reconnect instead of failing (BullMQ requires this). */
export function workerConnection(): ConnectionOptions {
  return bullConnection({ maxRetriesPerRequest: null, retryStrategy: redisRetryStrategy });
}

export const QUEUE_PREFIX = env.QUEUE_PREFIX;
