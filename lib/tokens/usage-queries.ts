import { and, desc, eq, gte, type SQL } from "drizzle-orm";
import { db } from "../db/client";
import { auditEvents, tokenUsageDaily, tokenUses } from "../db/schema";
import { USES_KEPT } from "./usage";

// SPEC §8: the chart covers 30 days, today included.
export const USAGE_DAYS = 30;
const DAY_MS = 86_400_000;
const AUDIT_ENTRIES_SHOWN = 100;

export type UsageDay = { day: string; accepted: number; refused: number };

/** Requests per UTC day for the last 30 days, oldest first, with the days without requests as zeros. */
export async function usageByDay(tokenId: string, now = new Date()): Promise<UsageDay[]> {
  const days = Array.from({ length: USAGE_DAYS }, (_, i) =>
    new Date(now.getTime() - (USAGE_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  const rows = await db
    .select({ day: tokenUsageDaily.day, accepted: tokenUsageDaily.accepted, refused: tokenUsageDaily.refused })
    .from(tokenUsageDaily)
    .where(and(eq(tokenUsageDaily.tokenId, tokenId), gte(tokenUsageDaily.day, days[0] ?? "")));
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return days.map((day) => ({ day, accepted: byDay.get(day)?.accepted ?? 0, refused: byDay.get(day)?.refused ?? 0 }));
}

/** The token's last 100 uses, newest first. */
export async function lastUses(tokenId: string) {
  return db
    .select({
      id: tokenUses.id,
      at: tokenUses.at,
      ip: tokenUses.ip,
      method: tokenUses.method,
      path: tokenUses.path,
      status: tokenUses.status,
    })
    .from(tokenUses)
    .where(eq(tokenUses.tokenId, tokenId))
    .orderBy(desc(tokenUses.id))
    .limit(USES_KEPT);
}

/**
 * Audit entries about the token and the ones it acted in, newest first: two index scans (audit_events_target_at_idx,
 * audit_events_token_at_idx) of at most AUDIT_ENTRIES_SHOWN rows each, merged, rather than one OR that would sort every
 * entry of a busy token.
 */
export async function tokenAuditEntries(tokenId: string) {
  const newest = (where: SQL | undefined) =>
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(AUDIT_ENTRIES_SHOWN);
  const [about, actedIn] = await Promise.all([
    newest(and(eq(auditEvents.targetType, "api-token"), eq(auditEvents.targetId, tokenId))),
    newest(eq(auditEvents.actorTokenId, tokenId)),
  ]);
  const byId = new Map([...about, ...actedIn].map((entry) => [entry.id, entry]));
  return [...byId.values()]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
    .slice(0, AUDIT_ENTRIES_SHOWN);
}
