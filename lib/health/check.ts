import { sql } from "../db/client";
import { readyRedis } from "../redis";
import { withTimeout } from "../util/timeout";
import { warehouseSafety } from "../warehouse/safety";

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
  const [db, redis, warehouse] = await Promise.all([
    probe(() => sql`select 1`),
    probe(pingRedis),
    withTimeout(warehouseSafety(), PROBE_TIMEOUT_MS, "warehouse probe").catch(() => "unavailable" as const),
  ]);
  // An unreachable warehouse fails reports, not the console or the API; a superuser warehouse is refused outright.
  const healthy = db === "ok" && redis === "ok" && warehouse !== "unsafe";
  return { status: healthy ? "ok" : "unavailable", db, redis, warehouse };
}
