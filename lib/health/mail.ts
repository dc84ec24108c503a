import { z } from "zod";
import { env } from "../env";
import { readyRedis } from "../redis";
import { withTimeout } from "../util/timeout";

// Each worker process keeps one key, refreshed well within its lifetime: a worker gone for good drops out.
export const MAIL_HEALTH_TTL_MS = 60_000;
const READ_TIMEOUT_MS = 1_000;
const SCAN_COUNT = 100;

export function mailHealthKey(worker: string): string {
  return `${env.QUEUE_PREFIX}:health:mail:${worker}`;
}

// Written by workers (lib/mail/transport-state.ts); read back as untrusted input.
const reportSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("unknown"), since: z.string() }),
  z.object({ status: z.literal("ok"), since: z.string() }),
  z.object({ status: z.literal("failing"), since: z.string(), lastError: z.string(), lastErrorAt: z.string() }),
]);

export type MailHealth =
  { status: "unknown" | "ok" } | { status: "failing"; since: string; lastError: string; lastErrorAt: string };

/**
 * The mail transport as the workers last saw it: failing when any worker's sends fail (since the earliest of them,
 * with the latest error), ok when one has sent lately, unknown when no worker has tried yet.
 */
export async function readMailHealth(): Promise<MailHealth> {
  const redis = await readyRedis();
  const reports = await withTimeout(
    (async () => {
      const keys: string[] = [];
      let cursor = "0";
      do {
        const [next, batch] = await redis.scan(cursor, "MATCH", mailHealthKey("*"), "COUNT", SCAN_COUNT);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== "0");
      return keys.length ? redis.mget(...keys) : [];
    })(),
    READ_TIMEOUT_MS,
    "mail health read",
  );
  const states = reports.flatMap((raw) => {
    if (!raw) return [];
    try {
      const parsed = reportSchema.safeParse(JSON.parse(raw));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
  const failing = states.flatMap((state) => (state.status === "failing" ? [state] : []));
  if (failing.length > 0) {
    const latest = failing.reduce((a, b) => (b.lastErrorAt > a.lastErrorAt ? b : a));
    const since = failing.reduce((a, b) => (b.since < a.since ? b : a)).since;
    return { status: "failing", since, lastError: latest.lastError, lastErrorAt: latest.lastErrorAt };
  }
  return { status: states.some((state) => state.status === "ok") ? "ok" : "unknown" };
}
