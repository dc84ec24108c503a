"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction } from "@/lib/auth/admin-action";
import { startSubscriptionRun } from "@/lib/runs/start";
import { subscriptionFormSchema, subscriptionIdSchema } from "@/lib/subscriptions/schemas";
import { deleteSubscription, saveSubscription, setSubscriptionStatus } from "@/lib/subscriptions/repository";

export const saveSubscriptionAction = adminAction(subscriptionFormSchema, async (input, { actor }) => {
  const saved = await saveSubscription(input, actor);
  revalidatePath("/subscriptions");
  redirect(`/subscriptions/${saved.id}`);
});

const statusAction = (status: "active" | "paused") =>
  adminAction(subscriptionIdSchema, async ({ id }, { actor }) => {
    await setSubscriptionStatus(id, status, actor);
    revalidatePath("/subscriptions");
    return { id };
  });

export const pauseSubscriptionAction = statusAction("paused");
export const resumeSubscriptionAction = statusAction("active");

export const deleteSubscriptionAction = adminAction(subscriptionIdSchema, async ({ id }, { actor }) => {
  await deleteSubscription(id, actor);
  revalidatePath("/subscriptions");
  return { id };
});

export const runSubscriptionNowAction = adminAction(subscriptionIdSchema, async ({ id }, { user, actor }) => {
  const { run } = await startSubscriptionRun(id, {
    trigger: "console",
    userId: user.id,
    label: user.email,
    ip: actor.ip,
  });
  revalidatePath("/subscriptions");
  revalidatePath(`/subscriptions/${id}`);
  return { runId: run.id };
});
