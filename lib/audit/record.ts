import { desc, lt } from "drizzle-orm";
import { db } from "../db/client";
import { auditEvents } from "../db/schema";
import { log } from "../log";

export type AuditInput = {
  action: string;
  actorUserId?: string | null;
  actorTokenId?: string | null;
  actorLabel?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Writes one audit row. An audit failure is logged, never turned into a failed request. */
export async function recordAudit(event: AuditInput): Promise<void> {
  try {
    await db.insert(auditEvents).values({ ...event, details: event.details ?? {} });
  } catch (error) {
    log.error({ err: error, action: event.action }, "audit write failed");
  }
}

export const AUDIT_PAGE_SIZE = 100;

export async function listAuditEvents(beforeId?: number) {
  return db
    .select()
    .from(auditEvents)
    .where(beforeId ? lt(auditEvents.id, beforeId) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE);
}
