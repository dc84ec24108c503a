import { Redis } from "ioredis";
import { env } from "./env";
import { FAIL_FAST_REDIS } from "./queue/connection";
import { processSingleton } from "./util/process-singleton";
import { withTimeout } from "./util/timeout";

/** The web process's shared connection for rate limits and health checks; web requests never wait on it. */
export function sharedRedis(): Redis {
  return processSingleton("redis", () => {
    // Commands issued in the same tick (the rate-limit calls of concurrent requests) share one write.
    const client = new Redis(env.REDIS_URL, { ...FAIL_FAST_REDIS, enableAutoPipelining: true });
    client.on("error", () => {}); // reconnects by itself; callers see their own command errors
    return client;
  });
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
