import { sql } from "../db/client";
import { sharedRedis } from "../redis";

// A health probe must answer quickly even when a dependency hangs.
const PROBE_TIMEOUT_MS = 2_000;

type PartStatus = "ok" | "unavailable";

async function probe(check: () => Promise<unknown>): Promise<PartStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return "ok";
  } catch {
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}

async function pingRedis(): Promise<void> {
  const redis = sharedRedis();
  // Commands fail fast while the connection is (re)opening, so wait for it first.
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  await redis.ping();
}

export async function checkHealth() {
  const [db, redis] = await Promise.all([probe(() => sql`select 1`), probe(pingRedis)]);
  return { status: db === "ok" && redis === "ok" ? "ok" : "unavailable", db, redis };
}
