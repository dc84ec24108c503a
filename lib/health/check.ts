import { sql } from "../db/client";
import { readyRedis } from "../redis";

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
  await (await readyRedis()).ping();
}

export async function checkHealth() {
  const [db, redis] = await Promise.all([probe(() => sql`select 1`), probe(pingRedis)]);
  return { status: db === "ok" && redis === "ok" ? "ok" : "unavailable", db, redis };
}
