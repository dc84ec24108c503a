import { eq } from "drizzle-orm";
import { db } from "../../../lib/db/client";
import { webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookEventType } from "../../../lib/db/schema";
import { encryptSecret, generateWebhookSecret } from "../../../lib/webhooks/secret";

/**
 * An endpoint written straight to the table, as the console saves it. Straight, because the console refuses the
 * loopback receivers tests use unless WEBHOOK_ALLOW_PRIVATE is set, and this process leaves it unset.
 */
export async function insertEndpoint(url: string, events: WebhookEventType[] = ["run.succeeded", "run.failed"]) {
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ url, events, secretCiphertext: encryptSecret(secret) })
    .returning({ id: webhookEndpoints.id });
  return { id: row.id, secret };
}

export async function endpointRow(id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export async function eventsOf(endpointId: string) {
  return db.select().from(webhookEvents).where(eq(webhookEvents.endpointId, endpointId));
}

export async function attemptsOf(eventId: string) {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  return rows.sort((a, b) => a.attempt - b.attempt);
}
