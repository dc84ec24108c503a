import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../db/client";
import {
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  WEBHOOK_TEST_EVENT,
  type WebhookEndpoint,
} from "../db/schema";
import { eventBody, newEventId } from "./events";
import { resolveDestination, WebhookDestinationError } from "./destination";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, invalidFields, notFound } from "../domain-error";
import { enqueueDeliveries } from "./queue";
import type { CreateEndpointInput } from "./schemas";
import { encryptSecret, generateWebhookSecret } from "./secret";
import { firstRow } from "../db/first-row";

// The console shows the latest attempts of an endpoint; older ones stay in the table.
export const DELIVERIES_PAGE_SIZE = 100;

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  description: webhookEndpoints.description,
  status: webhookEndpoints.status,
  disabledReason: webhookEndpoints.disabledReason,
  disabledAt: webhookEndpoints.disabledAt,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
};
export type EndpointView = Omit<WebhookEndpoint, "secretCiphertext" | "createdBy" | "updatedAt">;

function audit(actor: Actor, action: string, endpointId: string, details: Record<string, unknown> = {}) {
  return { action, ...actorColumns(actor), targetType: "webhook", targetId: endpointId, details };
}

/**
 * Saves an endpoint after checking where its URL leads (SPEC §9), with its audit row in the same transaction.
 * Returns the signing secret: the only time it leaves the server in clear.
 */
export async function createEndpoint(
  input: CreateEndpointInput,
  actor: Actor,
): Promise<{ id: string; secret: string }> {
  await resolveDestination(input.url).catch((error: unknown) => {
    throw error instanceof WebhookDestinationError ? invalidFields({ url: [error.message] }) : error;
  });
  const secret = generateWebhookSecret();
  const id = await db.transaction(async (tx) => {
    const row = firstRow(
      await tx
        .insert(webhookEndpoints)
        .values({
          url: input.url,
          events: input.events,
          description: input.description,
          secretCiphertext: encryptSecret(secret),
          createdBy: actor.userId,
        })
        .returning({ id: webhookEndpoints.id }),
    );
    await writeAudit(tx, audit(actor, "webhook.created", row.id, { url: input.url, events: input.events }));
    return row.id;
  });
  return { id, secret };
}

export async function listEndpoints(): Promise<EndpointView[]> {
  return db.select(endpointColumns).from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
}

export async function getEndpoint(id: string): Promise<EndpointView | null> {
  const [row] = await db.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  return row ?? null;
}

/** Disable or enable; enabling forgets the failing streak so five more days are allowed. */
export async function setEndpointStatus(id: string, status: "active" | "disabled", actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set(
        status === "disabled"
          ? { status, disabledReason: `Disabled by ${actor.label}.`, disabledAt: sql`now()`, updatedAt: sql`now()` }
          : { status, disabledReason: null, disabledAt: null, failingSince: null, updatedAt: sql`now()` },
      )
      .where(eq(webhookEndpoints.id, id))
      .returning({ id: webhookEndpoints.id });
    if (!row) throw notFound("endpoint");
    await writeAudit(tx, audit(actor, status === "disabled" ? "webhook.disabled" : "webhook.enabled", id));
  });
}

export async function deleteEndpoint(id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookEndpoints)
      .where(eq(webhookEndpoints.id, id))
      .returning({ url: webhookEndpoints.url });
    if (!row) throw notFound("endpoint");
    await writeAudit(tx, audit(actor, "webhook.deleted", id, { url: row.url }));
  });
}

export type DeliveryView = {
  id: string;
  eventId: string;
  type: string;
  attempt: number;
  manual: boolean;
  status: string;
  scheduledAt: Date;
  attemptedAt: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number | null;
  nextAttemptAt: Date | null;
};

/** The latest attempts of an endpoint, newest first (served by webhook_deliveries_endpoint_idx). */
export async function listDeliveries(endpointId: string): Promise<DeliveryView[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      type: webhookEvents.type,
      attempt: webhookDeliveries.attempt,
      manual: webhookDeliveries.manual,
      status: webhookDeliveries.status,
      scheduledAt: webhookDeliveries.scheduledAt,
      attemptedAt: webhookDeliveries.attemptedAt,
      responseStatus: webhookDeliveries.responseStatus,
      responseBody: webhookDeliveries.responseBody,
      error: webhookDeliveries.error,
      durationMs: webhookDeliveries.durationMs,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(DELIVERIES_PAGE_SIZE);
}

async function requireActive(endpointId: string): Promise<void> {
  const endpoint = await getEndpoint(endpointId);
  if (!endpoint) throw notFound("endpoint");
  if (endpoint.status !== "active") throw new DomainError("invalid", "Enable the endpoint first.");
}

/**
 * Sends a delivery's event again now, with the same `webhook-id` and body, as one more attempt. An automatic retry
 * still waiting for that event is cancelled: the new attempt replaces it.
 */
export async function redeliver(endpointId: string, deliveryId: string): Promise<void> {
  await requireActive(endpointId);
  const next = await db.transaction(async (tx) => {
    const [delivery] = await tx
      .select({ eventId: webhookDeliveries.eventId })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)))
      .limit(1);
    if (!delivery) throw notFound("delivery");
    // One redelivery of an event at a time: the event row is the lock.
    await tx
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, delivery.eventId))
      .for("update");
    await tx
      .update(webhookDeliveries)
      .set({ status: "cancelled", error: "Replaced by a redelivery." })
      .where(and(eq(webhookDeliveries.eventId, delivery.eventId), eq(webhookDeliveries.status, "pending")));
    const row = firstRow(
      await tx
        .insert(webhookDeliveries)
        .values({
          eventId: delivery.eventId,
          endpointId,
          manual: true,
          attempt: sql`(select coalesce(max(attempt), 0) + 1 from webhook_deliveries where event_id = ${delivery.eventId})`,
        })
        .returning({ id: webhookDeliveries.id, scheduledAt: webhookDeliveries.scheduledAt }),
    );
    await tx.update(webhookEvents).set({ status: "pending" }).where(eq(webhookEvents.id, delivery.eventId));
    return row;
  });
  await enqueueDeliveries([next]);
}

/** A `webhook.test` event to this endpoint only, sent at once. */
export async function sendTestEvent(endpointId: string, actor: Actor): Promise<void> {
  await requireActive(endpointId);
  const id = newEventId();
  const body = eventBody(WEBHOOK_TEST_EVENT, new Date(), {
    endpointId,
    message: `Test event sent from the Sluice console by ${actor.label}.`,
  });
  const next = await db.transaction(async (tx) => {
    await tx.insert(webhookEvents).values({ id, endpointId, type: WEBHOOK_TEST_EVENT, body });
    const row = firstRow(
      await tx
        .insert(webhookDeliveries)
        .values({ eventId: id, endpointId, attempt: 1, manual: true })
        .returning({ id: webhookDeliveries.id, scheduledAt: webhookDeliveries.scheduledAt }),
    );
    return row;
  });
  await enqueueDeliveries([next]);
}

/** Whether an attempt of these endpoints is under way or due within a minute (the console refreshes itself then). */
export async function hasOpenDeliveries(endpointIds: string[]): Promise<boolean> {
  if (endpointIds.length === 0) return false;
  const [row] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.endpointId, endpointIds),
        sql`(${webhookDeliveries.status} = 'sending' or (${webhookDeliveries.status} = 'pending' and ${webhookDeliveries.scheduledAt} < now() + interval '1 minute'))`,
      ),
    )
    .limit(1);
  return Boolean(row);
}
