import { sql } from "../db/client";
import { readyRedis } from "../redis";
import { withTimeout } from "../util/timeout";
import { readMailHealth, type MailHealth } from "./mail";
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

/**
 * The web process's own dependencies decide `status`; `mail` reports the workers' mail transport (ok, failing since
 * when with the last error, or unknown) without failing the check: a mail outage is no reason to take web
 * instances out of service.
 */
export async function checkHealth() {
  const [db, redis, mail, warehouse] = await Promise.all([
    probe(() => sql`select 1`),
    probe(pingRedis),
    readMailHealth().catch((): MailHealth => ({ status: "unknown" })),
    withTimeout(warehouseSafety(), PROBE_TIMEOUT_MS, "warehouse probe").catch(() => "unavailable" as const),
  ]);
  // An unreachable warehouse fails reports, not the console or the API; a superuser warehouse is refused outright.
  const healthy = db === "ok" && redis === "ok" && warehouse !== "unsafe";
  return { status: healthy ? "ok" : "unavailable", db, redis, mail, warehouse };
}
