"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ActionError, adminAction, type ActionContext } from "@/lib/auth/admin-action";
import { recordAudit } from "@/lib/audit/record";
import { RunTargetNotFoundError, SubscriptionPausedError } from "@/lib/runs/errors";
import { startSubscriptionRun } from "@/lib/runs/start";
import { removeSchedule, upsertSubscriptionSchedule } from "@/lib/schedules/sync";
import { subscriptionFormSchema, subscriptionIdSchema } from "@/lib/subscriptions/schemas";
import {
  deleteSubscription,
  saveSubscription,
  setSubscriptionStatus,
  SubscriptionNotFoundError,
} from "@/lib/subscriptions/repository";

const audit = (action: string, id: string, { user, ip }: ActionContext, details?: Record<string, unknown>) =>
  recordAudit({
    action,
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "subscription",
    targetId: id,
    ip,
    details,
  });

export const saveSubscriptionAction = adminAction(subscriptionFormSchema, async (input, ctx) => {
  let saved;
  try {
    saved = await saveSubscription(input);
  } catch (error) {
    if (error instanceof SubscriptionNotFoundError) throw new ActionError("This subscription no longer exists.");
    throw error;
  }
  await upsertSubscriptionSchedule(saved);
  await audit(input.id ? "subscription.updated" : "subscription.created", saved.id, ctx, { name: saved.name });
  revalidatePath("/subscriptions");
  redirect(`/subscriptions/${saved.id}`);
});

/** Pause and Resume: the status changes and the schedule follows (a paused subscription has none). */
const statusAction = (status: "active" | "paused") =>
  adminAction(subscriptionIdSchema, async ({ id }, ctx) => {
    const updated = await setSubscriptionStatus(id, status);
    if (!updated) throw new ActionError("This subscription no longer exists.");
    await upsertSubscriptionSchedule(updated);
    await audit(status === "paused" ? "subscription.paused" : "subscription.resumed", id, ctx);
    revalidatePath("/subscriptions");
    return { id };
  });

export const pauseSubscriptionAction = statusAction("paused");
export const resumeSubscriptionAction = statusAction("active");

export const deleteSubscriptionAction = adminAction(subscriptionIdSchema, async ({ id }, ctx) => {
  const deleted = await deleteSubscription(id);
  if (!deleted) throw new ActionError("This subscription no longer exists.");
  await removeSchedule("subscription", id);
  await audit("subscription.deleted", id, ctx, { name: deleted.name });
  revalidatePath("/subscriptions");
  return { id };
});

export const runSubscriptionNowAction = adminAction(subscriptionIdSchema, async ({ id }, ctx) => {
  try {
    const { run } = await startSubscriptionRun(id, {
      trigger: "console",
      userId: ctx.user.id,
      label: ctx.user.email,
      ip: ctx.ip,
    });
    revalidatePath("/subscriptions");
    revalidatePath(`/subscriptions/${id}`);
    return { runId: run.id };
  } catch (error) {
    if (error instanceof SubscriptionPausedError) throw new ActionError("The subscription is paused; resume it first.");
    if (error instanceof RunTargetNotFoundError) throw new ActionError("This subscription no longer exists.");
    throw error;
  }
});
