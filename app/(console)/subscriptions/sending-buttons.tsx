"use client";

import { useActionState } from "react";
import { FormError } from "@/app/components/field-error";
import {
  duplicateSubscriptionAction,
  resendToFailedAction,
  resubscribeAction,
  sendTestEmailAction,
} from "./sending-actions";

/** Send test email and Duplicate, on the subscription page. */
export function SubscriptionSendingActions({ id }: { id: string }) {
  const [testState, sendTest, sending] = useActionState(sendTestEmailAction, null);
  const [duplicateState, duplicate, duplicating] = useActionState(duplicateSubscriptionAction, null);
  const error = [testState, duplicateState].find((s) => s && !s.ok);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={sendTest}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn" disabled={sending}>
          Send test email
        </button>
      </form>
      <form action={duplicate}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn" disabled={duplicating}>
          Duplicate
        </button>
      </form>
      {testState?.ok && (
        <p role="status" className="text-sm text-green-700">
          Test e-mail sent to {testState.data.to}.
        </p>
      )}
      <FormError message={error && !error.ok && error.error} className="w-full" />
    </div>
  );
}

/** Re-send to failed, for one ended run with failed deliveries. */
export function ResendToFailedButton({ runId, subscriptionId }: { runId: string; subscriptionId: string }) {
  const [state, resend, pending] = useActionState(resendToFailedAction, null);
  return (
    <form action={resend} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="runId" value={runId} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <button type="submit" className="btn" disabled={pending || state?.ok}>
        Re-send to failed
      </button>
      {state?.ok && (
        <span role="status" className="text-sm text-green-700">
          Re-sending to {state.data.recipients} {state.data.recipients === 1 ? "recipient" : "recipients"}
        </span>
      )}
      <FormError message={state && !state.ok && state.error} />
    </form>
  );
}

/** Remove, on one unsubscribed address: it gets the subscription's e-mails again. */
export function RemoveUnsubscribeButton({ id, email }: { id: string; email: string }) {
  const [state, remove, pending] = useActionState(resubscribeAction, null);
  return (
    <form action={remove} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="email" value={email} />
      <button type="submit" className="btn" disabled={pending}>
        Remove
      </button>
      <FormError message={state && !state.ok && state.error} />
    </form>
  );
}
