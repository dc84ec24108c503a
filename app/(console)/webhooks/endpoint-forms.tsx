"use client";

import { useActionState, useState } from "react";
import { Dialog } from "@/app/components/dialog";
import { SecretShownOnce } from "@/app/components/secret-shown-once";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import type { ActionState } from "@/lib/auth/admin-action";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import {
  createEndpointAction,
  deleteEndpointAction,
  redeliverAction,
  sendTestEventAction,
  setEndpointStatusAction,
} from "./actions";
import { DialogButton } from "@/app/components/dialog-button";

export function AddEndpointButton() {
  return <DialogButton label="Add endpoint" dialog={AddEndpointDialog} />;
}

function AddEndpointDialog({ onClose }: { onClose: () => void }) {
  const [state, action, pending] = useActionState(createEndpointAction, null);

  if (state?.ok) {
    return (
      <SecretShownOnce
        id="created-secret"
        title="Endpoint added"
        warning="Copy the signing secret now. It cannot be shown again after you close this dialog."
        label="Signing secret"
        secret={state.data.secret}
        onClose={onClose}
      >
        <p className="mt-2 text-sm text-slate-600">
          Verify each delivery&apos;s <code>webhook-signature</code> with it (Standard Webhooks).
        </p>
      </SecretShownOnce>
    );
  }

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <PanelDialog labelledBy="add-endpoint-title">
      <form onSubmit={(event) => submitKeepingValues(event, action)} className="space-y-4">
        <h2 id="add-endpoint-title" className="text-lg font-semibold">
          Add endpoint
        </h2>
        <label className="block">
          <span className="text-sm font-medium">URL</span>
          <input
            name="url"
            type="url"
            required
            placeholder="https://example.com/hooks/sluice"
            className="input"
            aria-describedby="url-error"
          />
          <FieldError id="url-error" messages={errors.url} />
        </label>
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={type} />
              {type}
            </label>
          ))}
          <FieldError id="events-error" messages={errors.events} />
        </fieldset>
        <label className="block">
          <span className="text-sm font-medium">Description</span>
          <textarea name="description" maxLength={500} rows={2} className="input" />
          <FieldError id="description-error" messages={errors.description} />
        </label>
        <FormError message={state && !state.ok && state.error} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={pending}>
            Create endpoint
          </button>
        </div>
      </form>
    </PanelDialog>
  );
}

function PanelDialog({ labelledBy, children }: { labelledBy: string; children: React.ReactNode }) {
  return (
    <Dialog titleId={labelledBy}>
      <div className="w-full max-w-lg rounded-lg bg-white p-6 shadow-lg">{children}</div>
    </Dialog>
  );
}

/** One button posting hidden fields to an action, with its refusal shown beside it. */
function ActionButton<T>({
  action: serverAction,
  fields,
  label,
  done,
  className = "btn",
}: {
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string>;
  label: string;
  done?: string;
  className?: string;
}) {
  const [state, action, pending] = useActionState(serverAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={pending}>
        {label}
      </button>
      {state && !state.ok && (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      )}
      {state?.ok && done && (
        <span role="status" className="text-sm text-green-700">
          {done}
        </span>
      )}
    </form>
  );
}

export function EndpointStatusButton({ id, status }: { id: string; status: "active" | "disabled" }) {
  return status === "active" ? (
    <ActionButton action={setEndpointStatusAction} fields={{ id, status: "disabled" }} label="Disable" />
  ) : (
    <ActionButton action={setEndpointStatusAction} fields={{ id, status: "active" }} label="Enable" />
  );
}

export function SendTestEventButton({ id }: { id: string }) {
  return (
    <ActionButton action={sendTestEventAction} fields={{ id }} label="Send test event" done="Test event queued." />
  );
}

export function RedeliverButton({ id, deliveryId }: { id: string; deliveryId: string }) {
  return <ActionButton action={redeliverAction} fields={{ id, deliveryId }} label="Redeliver" done="Queued." />;
}

export function DeleteEndpointButton({ id, url }: { id: string; url: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(deleteEndpointAction, null);
  return (
    <>
      <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      {confirming && (
        <PanelDialog labelledBy={`delete-${id}`}>
          <form action={action}>
            <h2 id={`delete-${id}`} className="text-lg font-semibold">
              Delete this endpoint?
            </h2>
            <p className="mt-2 break-all text-sm text-slate-600">
              {url} gets no further events, and its delivery history is removed.
            </p>
            <input type="hidden" name="id" value={id} />
            <FormError message={state && !state.ok && state.error} />
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800" disabled={pending}>
                Delete endpoint
              </button>
            </div>
          </form>
        </PanelDialog>
      )}
    </>
  );
}
