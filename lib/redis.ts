import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env";

// Web requests must not wait on an absent Redis: commands fail at once instead of queueing offline.
const FAIL_FAST: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, lazyConnect: false };

const globalForRedis = globalThis as unknown as { sluiceRedis?: Redis };

/** The web process's shared connection for rate limits and health checks. */
export function sharedRedis(): Redis {
  if (!globalForRedis.sluiceRedis) {
    const client = new Redis(env.REDIS_URL, FAIL_FAST);
    client.on("error", () => {}); // reconnects by itself; callers see their own command errors
    globalForRedis.sluiceRedis = client;
  }
  return globalForRedis.sluiceRedis;
}
