"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/auth/admin-action";
import { duplicateSubscription } from "@/lib/subscriptions/duplicate";
import { resendToFailed } from "@/lib/subscriptions/resend";
import { subscriptionIdSchema } from "@/lib/subscriptions/schemas";
import { sendTestEmail } from "@/lib/subscriptions/test-email";
import { resubscribe } from "@/lib/subscriptions/unsubscribes";

export const duplicateSubscriptionAction = adminAction(subscriptionIdSchema, async ({ id }, { actor }) => {
  const copy = await duplicateSubscription(id, actor);
  revalidatePath("/subscriptions");
  redirect(`/subscriptions/${copy.id}`);
});

export const sendTestEmailAction = adminAction(subscriptionIdSchema, async ({ id }, { user, actor }) => {
  await sendTestEmail(id, user.email, actor);
  return { to: user.email };
});

export const resendToFailedAction = adminAction(
  z.object({ runId: z.uuid(), subscriptionId: z.uuid() }),
  async ({ runId, subscriptionId }, { actor }) => {
    const { recipients } = await resendToFailed(runId, actor);
    revalidatePath(`/runs/${runId}`);
    revalidatePath(`/subscriptions/${subscriptionId}`);
    return { recipients: recipients.length };
  },
);

export const resubscribeAction = adminAction(
  z.object({ id: z.uuid(), email: z.email().max(320) }),
  async ({ id, email }, { actor }) => {
    await resubscribe(id, email, actor);
    revalidatePath(`/subscriptions/${id}`);
    return { email };
  },
);
