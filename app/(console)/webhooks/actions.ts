"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ActionError, adminAction, type ActionContext } from "@/lib/auth/admin-action";
import { WebhookDestinationError } from "@/lib/webhooks/destination";
import {
  createEndpoint,
  deleteEndpoint,
  redeliver,
  sendTestEvent,
  setEndpointStatus,
  WebhookRuleError,
  type Actor,
} from "@/lib/webhooks/repository";
import {
  createEndpointSchema,
  deliveryIdSchema,
  endpointIdSchema,
  setEndpointStatusSchema,
} from "@/lib/webhooks/schemas";

const actorOf = ({ user, ip }: ActionContext): Actor => ({ userId: user.id, label: user.email, ip });

/** The webhook domain's refusals, as the form shows them. */
async function asActionError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WebhookDestinationError)
      throw new ActionError("Check the highlighted fields.", { url: [error.message] });
    if (error instanceof WebhookRuleError) throw new ActionError(error.message);
    throw error;
  }
}

export const createEndpointAction = adminAction(createEndpointSchema, async (input, ctx) => {
  const created = await asActionError(() => createEndpoint(input, actorOf(ctx)));
  revalidatePath("/webhooks");
  // The signing secret leaves the server once, in this response.
  return { id: created.id, secret: created.secret };
});

export const setEndpointStatusAction = adminAction(setEndpointStatusSchema, async ({ id, status }, ctx) => {
  await asActionError(() => setEndpointStatus(id, status, actorOf(ctx)));
  revalidatePath("/webhooks");
  revalidatePath(`/webhooks/${id}`);
  return { id };
});

export const deleteEndpointAction = adminAction(endpointIdSchema, async ({ id }, ctx) => {
  await asActionError(() => deleteEndpoint(id, actorOf(ctx)));
  revalidatePath("/webhooks");
  redirect("/webhooks");
});

export const sendTestEventAction = adminAction(endpointIdSchema, async ({ id }, ctx) => {
  await asActionError(() => sendTestEvent(id, actorOf(ctx)));
  revalidatePath(`/webhooks/${id}`);
  return { id };
});

export const redeliverAction = adminAction(endpointIdSchema.extend(deliveryIdSchema.shape), async (input) => {
  await asActionError(() => redeliver(input.id, input.deliveryId));
  revalidatePath(`/webhooks/${input.id}`);
  return { id: input.id };
});
