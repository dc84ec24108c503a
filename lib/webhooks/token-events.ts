import { sql } from "drizzle-orm";
import { db } from "../db/client";
import { createEvents, eventBody } from "./events";
import { enqueueDeliveries } from "./queue";

// SPEC §9 / issue: `token.expiring` when a token enters its last 7 days.
export const TOKEN_EXPIRING_DAYS = 7;

/**
 * Writes a `token.expiring` event for each live token within its last days that has none yet for a subscribed
 * endpoint, and queues them. Safe to run from every worker at once: the (endpoint, source) key keeps one each.
 * Returns how many deliveries it queued.
 */
export async function queueTokenExpiringEvents(): Promise<number> {
  const tokens = await db.execute<{ id: string; name: string; expires_at: string }>(sql`
    select t.id, t.name, t.expires_at from api_tokens t
    where t.revoked_at is null and t.expires_at > now()
      and t.expires_at <= now() + make_interval(days => ${TOKEN_EXPIRING_DAYS})
      and exists (
        select 1 from webhook_endpoints e
        where e.status = 'active' and 'token.expiring' = any(e.events)
          and not exists (
            select 1 from webhook_events v where v.endpoint_id = e.id and v.source_key = 'token-expiring:' || t.id
          )
      )`);
  let queued = 0;
  for (const token of tokens) {
    const data = { id: token.id, name: token.name, expiresAt: new Date(token.expires_at).toISOString() };
    const deliveries = await createEvents(db, {
      type: "token.expiring",
      body: eventBody("token.expiring", new Date(), data),
      sourceKey: `token-expiring:${token.id}`,
    });
    await enqueueDeliveries(deliveries);
    queued += deliveries.length;
  }
  return queued;
}
