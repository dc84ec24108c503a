import { sql } from "../db/client";
import { readyRedis } from "../redis";
import { withTimeout } from "../util/timeout";

// A health probe must answer quickly even when a dependency hangs.
const PROBE_TIMEOUT_MS = 2_000;

type PartStatus = "ok" | "unavailable";

async function probe(check: () => Promise<unknown>): Promise<PartStatus> {
  try {
    await withTimeout(check(), PROBE_TIMEOUT_MS, "health probe");
    return "ok";
  } catch {
    return "unavailable";
  }
}

async function pingRedis(): Promise<void> {
  await (await readyRedis()).ping();
}

export async function checkHealth() {
  const [db, redis] = await Promise.all([probe(() => sql`select 1`), probe(pingRedis)]);
  return { status: db === "ok" && redis === "ok" ? "ok" : "unavailable", db, redis };
}
