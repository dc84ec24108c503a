"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction } from "@/lib/auth/admin-action";
import { createEndpoint, deleteEndpoint, redeliver, sendTestEvent, setEndpointStatus } from "@/lib/webhooks/repository";
import {
  createEndpointSchema,
  deliveryIdSchema,
  endpointIdSchema,
  setEndpointStatusSchema,
} from "@/lib/webhooks/schemas";

export const createEndpointAction = adminAction(createEndpointSchema, async (input, { actor }) => {
  const created = await createEndpoint(input, actor);
  revalidatePath("/webhooks");
  // The signing secret leaves the server once, in this response.
  return { id: created.id, secret: created.secret };
});

export const setEndpointStatusAction = adminAction(setEndpointStatusSchema, async ({ id, status }, { actor }) => {
  await setEndpointStatus(id, status, actor);
  revalidatePath("/webhooks");
  revalidatePath(`/webhooks/${id}`);
  return { id };
});

export const deleteEndpointAction = adminAction(endpointIdSchema, async ({ id }, { actor }) => {
  await deleteEndpoint(id, actor);
  revalidatePath("/webhooks");
  redirect("/webhooks");
});

export const sendTestEventAction = adminAction(endpointIdSchema, async ({ id }, { actor }) => {
  await sendTestEvent(id, actor);
  revalidatePath(`/webhooks/${id}`);
  return { id };
});

export const redeliverAction = adminAction(endpointIdSchema.extend(deliveryIdSchema.shape), async (input) => {
  await redeliver(input.id, input.deliveryId);
  revalidatePath(`/webhooks/${input.id}`);
  return { id: input.id };
});
