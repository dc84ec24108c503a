import { and, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { db } from "../db/client";
import { readPage, timeKey, type KeysetOrder, type PagePosition } from "../db/keyset-page";
import { apiTokens, auditEvents, type AuditEvent } from "../db/schema";
import { isUuid } from "../forms/zod-helpers";
import type { AuditFilter } from "./filter";

// As many as the audit page showed before it could page.
export const AUDIT_PAGE_SIZE = 100;

// Served by audit_events_at_idx, or by the (filter column, at, id) index of the filter; the time range is a bound
// on the index's second column (migration 0006).
const NEWEST_FIRST: KeysetOrder = { key: auditEvents.at, id: auditEvents.id, descending: true };

/** The ids of the tokens a Token filter names: its id, or every token (revoked ones too) with that name. */
export async function tokenIdsFor(token: string): Promise<string[]> {
  const byId = isUuid(token);
  const rows = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(byId ? eq(apiTokens.id, token) : eq(apiTokens.name, token));
  return rows.map((r) => r.id);
}

function conditions(filter: AuditFilter, tokenIds: string[] | null): SQL[] {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.actor) where.push(eq(auditEvents.actorLabel, filter.actor));
  if (tokenIds)
    where.push(
      tokenIds.length === 1 && tokenIds[0]
        ? eq(auditEvents.actorTokenId, tokenIds[0])
        : inArray(auditEvents.actorTokenId, tokenIds),
    );
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  return where;
}

/** One page of audit events, newest first, with Next / Previous cursors. */
export async function pageAuditEvents(filter: AuditFilter, position: PagePosition, size = AUDIT_PAGE_SIZE) {
  const tokenIds = filter.token ? await tokenIdsFor(filter.token) : null;
  // A token that does not exist has no events; no query needed to say so.
  if (tokenIds?.length === 0) return { items: [] as AuditEvent[], next: null, previous: null, unknownToken: true };
  const page = await readPage<AuditEvent>({
    order: NEWEST_FIRST,
    position,
    size,
    cursorOf: (event) => [timeKey(event.at), String(event.id)],
    query: (bound, orderBy, limit) =>
      db
        .select()
        .from(auditEvents)
        .where(and(...conditions(filter, tokenIds), bound))
        .orderBy(...orderBy)
        .limit(limit),
  });
  return { ...page, unknownToken: false };
}
