import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env";
import { withTimeout } from "./util/timeout";

// Web requests must not wait on an absent Redis: commands fail at once instead of queueing offline.
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2_000,
  lazyConnect: false,
};

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

// On a process's first requests the connection is still opening; waiting briefly beats a spurious failure.
const FIRST_CONNECT_WAIT_MS = 1_000;
const OPENING = new Set(["wait", "connecting", "connect"]);

/** The shared connection, once it is open (or after a short wait on start-up; never during an outage). */
export async function readyRedis(): Promise<Redis> {
  const client = sharedRedis();
  if (OPENING.has(client.status)) {
    // Past the wait, commands fail fast and callers fall back (insurance limiter, "unavailable").
    await withTimeout(
      new Promise((resolve) => client.once("ready", resolve)),
      FIRST_CONNECT_WAIT_MS,
      "redis connect",
    ).catch(() => {});
  }
  return client;
}
