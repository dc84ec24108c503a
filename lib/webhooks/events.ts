import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import type { DueDelivery } from "./queue";

/** A `webhook-id`: unique per message and endpoint, the same on every attempt, so receivers can drop duplicates. */
export function newEventId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

/** The delivered body (SPEC §9): `{type, timestamp, data}`, as the exact text that is signed. */
export function eventBody(type: string, timestamp: Date, data: unknown): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}

type NewEvent = { type: string; body: string; sourceKey: string };

/**
 * Writes the event for every active endpoint subscribed to its type, with each one's first delivery attempt, in one
 * statement. An endpoint already holding an event from the same source gets nothing new, so a source noticed twice
 * (two workers, a retried job) is delivered once. Returns the attempts to queue once the transaction has committed.
 */
export async function createEvents(executor: Db | Tx, event: NewEvent): Promise<DueDelivery[]> {
  const rows = await executor.execute<{ id: string; scheduled_at: string }>(sql`
    with endpoints as (
      select id from webhook_endpoints where status = 'active' and ${event.type} = any(events)
    ),
    created as (
      insert into webhook_events (id, endpoint_id, type, body, source_key)
      select 'msg_' || replace(gen_random_uuid()::text, '-', ''), id, ${event.type}, ${event.body}, ${event.sourceKey}
      from endpoints
      on conflict (endpoint_id, source_key) do nothing
      returning id, endpoint_id
    )
    insert into webhook_deliveries (event_id, endpoint_id, attempt)
    select id, endpoint_id, 1 from created
    returning id, scheduled_at`);
  return rows.map((row) => ({ id: row.id, scheduledAt: new Date(row.scheduled_at) }));
}

/** Attempts still owed for a source's events (after its transaction committed: queue them). */
export async function pendingDeliveriesOf(executor: Db | Tx, sourceKey: string): Promise<DueDelivery[]> {
  const rows = await executor.execute<{ id: string; scheduled_at: string }>(sql`
    select d.id, d.scheduled_at from webhook_deliveries d join webhook_events e on e.id = d.event_id
    where e.source_key = ${sourceKey} and d.status = 'pending'`);
  return rows.map((row) => ({ id: row.id, scheduledAt: new Date(row.scheduled_at) }));
}
