"use client";

import { useActionState } from "react";
import { FieldError, FormError } from "@/app/components/field-error";
import { changeOwnPasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changeOwnPasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">Change password</h2>
      <label className="block">
        <span className="text-sm font-medium">Current password</span>
        <input name="currentPassword" type="password" required autoComplete="current-password" className="input" />
        <FieldError id="current-password-error" messages={errors.currentPassword} />
      </label>
      <label className="block">
        <span className="text-sm font-medium">New password</span>
        <input name="newPassword" type="password" required autoComplete="new-password" className="input" />
        <FieldError id="new-password-error" messages={errors.newPassword} />
      </label>
      <FormError message={state && !state.ok && state.error} />
      {state?.ok && (
        <p role="status" className="text-sm text-green-700">
          Password changed. You stay signed in here; your other sessions have ended.
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        Save password
      </button>
    </form>
  );
}
