import { z } from "zod";
import { env } from "../env";
import { readyRedis } from "../redis";
import { withTimeout } from "../util/timeout";

// One hash, a field per worker process (no scan of the keyspace, which BullMQ fills with jobs). A report is
// refreshed well within this age; an older one is a worker gone for good and is ignored, then pruned.
export const MAIL_HEALTH_MAX_AGE_MS = 60_000;
const READ_TIMEOUT_MS = 1_000;

export function mailHealthKey(): string {
  return `${env.QUEUE_PREFIX}:health:mail`;
}

// Written by workers (workers/mail-health.ts); read back as untrusted input.
const reportSchema = z.intersection(
  z.discriminatedUnion("status", [
    z.object({ status: z.literal("unknown"), since: z.string() }),
    z.object({ status: z.literal("ok"), since: z.string() }),
    z.object({ status: z.literal("failing"), since: z.string(), lastError: z.string(), lastErrorAt: z.string() }),
  ]),
  z.object({ reportedAt: z.number() }),
);

/** Workers whose report is older than MAIL_HEALTH_MAX_AGE_MS, as fields of the hash. */
export function staleMailHealthFields(reports: Record<string, string>, now = Date.now()): string[] {
  return Object.entries(reports).flatMap(([field, raw]) => (parseReport(raw, now) ? [] : [field]));
}

function parseReport(raw: string, now: number) {
  try {
    const parsed = reportSchema.safeParse(JSON.parse(raw));
    return parsed.success && now - parsed.data.reportedAt <= MAIL_HEALTH_MAX_AGE_MS ? parsed.data : null;
  } catch {
    return null;
  }
}

export type MailHealth =
  { status: "unknown" | "ok" } | { status: "failing"; since: string; lastError: string; lastErrorAt: string };

/**
 * The mail transport as the workers last saw it: failing when any worker's sends fail (since the earliest of them,
 * with the latest error), ok when one has sent lately, unknown when no worker has tried yet.
 */
export async function readMailHealth(): Promise<MailHealth> {
  const redis = await readyRedis();
  const reports = await withTimeout(redis.hgetall(mailHealthKey()), READ_TIMEOUT_MS, "mail health read");
  const now = Date.now();
  const states = Object.values(reports).flatMap((raw) => parseReport(raw, now) ?? []);
  const failing = states.flatMap((state) => (state.status === "failing" ? [state] : []));
  if (failing.length > 0) {
    const latest = failing.reduce((a, b) => (b.lastErrorAt > a.lastErrorAt ? b : a));
    const since = failing.reduce((a, b) => (b.since < a.since ? b : a)).since;
    return { status: "failing", since, lastError: latest.lastError, lastErrorAt: latest.lastErrorAt };
  }
  return { status: states.some((state) => state.status === "ok") ? "ok" : "unknown" };
}
