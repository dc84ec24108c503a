"use client";

import { useActionState, useState } from "react";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { PERMISSIONS, PERMISSION_LABELS, type Permission } from "@/lib/tokens/permissions";
import { MAX_DESCRIPTION_LENGTH } from "@/lib/tokens/schemas";
import { Dialog } from "@/app/components/dialog";
import { FieldError, FormError } from "@/app/components/field-error";
import { createTokenAction } from "./actions";
import { ExpiryFields } from "./expiry-fields";
import { NewTokenShown } from "./new-token-shown";
import { ScopeFields, type ScopeOption } from "./scope-fields";

export type ScopeOptions = { subscriptions: ScopeOption[]; semanticModels: ScopeOption[] };

export function CreateTokenButton({ options }: { options: ScopeOptions }) {
  // Not DialogButton: its dialog must be one stable component, and this one needs the page's options.
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <button
        type="button"
        className="btn-primary"
        onClick={() => {
          setFormKey((k) => k + 1);
          setOpen(true);
        }}
      >
        Create API Token
      </button>
      {open && <CreateTokenDialog key={formKey} options={options} onClose={() => setOpen(false)} />}
    </>
  );
}

function CreateTokenDialog({ options, onClose }: { options: ScopeOptions; onClose: () => void }) {
  const [state, action, pending] = useActionState(createTokenAction, null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [expiryComplete, setExpiryComplete] = useState(true);
  const [permissions, setPermissions] = useState<Permission[]>([]);

  if (state?.ok) return <NewTokenShown title="API token created" token={state.data.token} onClose={onClose} />;

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const canGenerate = name.trim().length > 0 && permissions.length > 0 && expiryComplete;
  const toggle = (p: Permission, on: boolean) =>
    setPermissions((current) => (on ? [...current, p] : current.filter((x) => x !== p)));

  return (
    <Dialog titleId="create-token-title">
      <form
        onSubmit={(event) => submitKeepingValues(event, action)}
        className="max-h-[95vh] w-full max-w-lg space-y-4 overflow-y-auto rounded-lg bg-white p-6 shadow-lg"
      >
        <h2 id="create-token-title" className="text-lg font-semibold">
          Create API Token
        </h2>
        <label className="block">
          <span className="text-sm font-medium">Token name</span>
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={MAX_NAME_LENGTH}
            required
            className="input"
            aria-describedby="name-error"
          />
          <FieldError id="name-error" messages={errors.name} />
        </label>
        <ExpiryFields idPrefix="token" errors={errors.expiryDate} onComplete={setExpiryComplete} />
        <label className="block">
          <span className="text-sm font-medium">Description</span>
          <textarea
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={MAX_DESCRIPTION_LENGTH}
            rows={2}
            className="input"
            aria-describedby="description-error"
          />
          <FieldError id="description-error" messages={errors.description} />
        </label>
        <fieldset>
          <legend className="text-sm font-medium">Permission</legend>
          {PERMISSIONS.map((p) => (
            <label key={p} className="mt-1 flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="permissions"
                value={p}
                checked={permissions.includes(p)}
                onChange={(e) => toggle(p, e.target.checked)}
              />
              {PERMISSION_LABELS[p]}
            </label>
          ))}
          <FieldError id="permissions-error" messages={errors.permissions} />
        </fieldset>
        {permissions.includes("subscriptions:execute") && (
          <ScopeFields
            field="subscription"
            legend="Subscriptions"
            allLabel="All subscriptions"
            options={options.subscriptions}
            errors={errors.subscriptionIds}
          />
        )}
        {permissions.includes("semantic-models:refresh") && (
          <ScopeFields
            field="semanticModel"
            legend="Semantic models"
            allLabel="All semantic models"
            options={options.semanticModels}
            errors={errors.semanticModelIds}
          />
        )}
        <label className="block">
          <span className="text-sm font-medium">Allowed IP ranges</span>
          <textarea
            name="allowedIps"
            rows={3}
            placeholder={"Optional, one per line, e.g.\n203.0.113.0/24\n2001:db8::/32"}
            className="input font-mono"
            aria-describedby="allowed-ips-hint allowed-ips-error"
          />
          <span id="allowed-ips-hint" className="text-xs text-slate-500">
            IPv4 or IPv6 addresses or CIDR ranges; empty: any address.
          </span>
          <FieldError id="allowed-ips-error" messages={errors.allowedIps} />
        </label>
        <FormError message={state && !state.ok && state.error} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={!canGenerate || pending}>
            Generate
          </button>
        </div>
      </form>
    </Dialog>
  );
}
