"use client";

import { useActionState, useState } from "react";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { dateAfter, MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "@/lib/tokens/expiry";
import { PERMISSIONS, PERMISSION_LABELS, type Permission } from "@/lib/tokens/permissions";
import { MAX_DESCRIPTION_LENGTH } from "@/lib/tokens/schemas";
import { Dialog } from "@/app/components/dialog";
import { FieldError, FormError } from "@/app/components/field-error";
import { createTokenAction } from "./actions";
import { SecretShownOnce } from "@/app/components/secret-shown-once";
import { DialogButton } from "@/app/components/dialog-button";

export function CreateTokenButton() {
  return <DialogButton label="Create API Token" dialog={CreateTokenDialog} />;
}

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const [state, action, pending] = useActionState(createTokenAction, null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [expiry, setExpiry] = useState("30");
  const [expiryDate, setExpiryDate] = useState("");
  const [permissions, setPermissions] = useState<Permission[]>([]);

  if (state?.ok) {
    return (
      <SecretShownOnce
        id="created-token"
        title="API token created"
        warning="Copy this token now. It cannot be shown again after you close this dialog."
        label="API token"
        secret={state.data.token}
        onClose={onClose}
      />
    );
  }

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const canGenerate = name.trim().length > 0 && permissions.length > 0 && (expiry !== "custom" || expiryDate !== "");
  const toggle = (p: Permission, on: boolean) =>
    setPermissions((current) => (on ? [...current, p] : current.filter((x) => x !== p)));

  return (
    <Dialog titleId="create-token-title">
      <form
        onSubmit={(event) => submitKeepingValues(event, action)}
        className="w-full max-w-lg space-y-4 rounded-lg bg-white p-6 shadow-lg"
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
        <div>
          <label htmlFor="token-expiry" className="text-sm font-medium">
            Expiry
          </label>
          <select
            id="token-expiry"
            name="expiry"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            className="input"
          >
            <option value="30">30 days</option>
            <option value="60">60 days</option>
            <option value="90">90 days</option>
            <option value="custom">Custom date</option>
          </select>
        </div>
        {expiry === "custom" && (
          <label className="block">
            <span className="text-sm font-medium">Expiry date</span>
            <input
              type="date"
              name="expiryDate"
              value={expiryDate}
              onChange={(e) => setExpiryDate(e.target.value)}
              min={dateAfter(new Date(), MIN_EXPIRY_DAYS)}
              max={dateAfter(new Date(), MAX_EXPIRY_DAYS)}
              required
              className="input"
              aria-describedby="expiry-date-error"
            />
            <FieldError id="expiry-date-error" messages={errors.expiryDate} />
          </label>
        )}
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
