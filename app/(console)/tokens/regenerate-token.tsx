"use client";

import { useActionState, useState } from "react";
import { Dialog } from "@/app/components/dialog";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { regenerateTokenAction } from "./actions";
import { ExpiryFields } from "./expiry-fields";
import { NewTokenShown } from "./new-token-shown";

const GRACE_CHOICES = [
  ["0", "Immediately"],
  ["1h", "In 1 hour"],
  ["24h", "In 24 hours"],
  ["7d", "In 7 days"],
] as const;

/** **Regenerate** (SPEC §8): a new secret for the same token; the old one works on for the chosen grace period. */
export function RegenerateTokenButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => {
          setFormKey((k) => k + 1);
          setOpen(true);
        }}
      >
        Regenerate
      </button>
      {open && <RegenerateDialog key={formKey} id={id} name={name} onClose={() => setOpen(false)} />}
    </>
  );
}

function RegenerateDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [state, action, pending] = useActionState(regenerateTokenAction, null);
  const [expiryComplete, setExpiryComplete] = useState(true);
  if (state?.ok) return <NewTokenShown title="API token regenerated" token={state.data.token} onClose={onClose} />;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const titleId = `regenerate-${id}-title`;
  return (
    <Dialog titleId={titleId}>
      <form
        onSubmit={(event) => submitKeepingValues(event, action)}
        className="w-full max-w-lg space-y-4 rounded-lg bg-white p-6 shadow-lg"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Regenerate “{name}”
        </h2>
        <p className="text-sm text-slate-600">
          The token gets a new secret and keeps its name, description, permissions, scope and history.
        </p>
        <input type="hidden" name="id" value={id} />
        <ExpiryFields idPrefix={`regenerate-${id}`} errors={errors.expiryDate} onComplete={setExpiryComplete} />
        <fieldset aria-describedby={`regenerate-${id}-grace-error`}>
          <legend className="text-sm font-medium">Old token stops working</legend>
          {GRACE_CHOICES.map(([value, label]) => (
            <label key={value} className="mt-1 flex items-center gap-2 text-sm">
              <input type="radio" name="grace" value={value} defaultChecked={value === "0"} />
              {label}
            </label>
          ))}
          <FieldError id={`regenerate-${id}-grace-error`} messages={errors.grace} />
        </fieldset>
        <FormError message={state && !state.ok && state.error} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={!expiryComplete || pending}>
            Regenerate
          </button>
        </div>
      </form>
    </Dialog>
  );
}
