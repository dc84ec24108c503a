"use client";

import { useActionState, useState } from "react";
import { ConfirmDialog, Dialog } from "@/app/components/dialog";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { addUserAction, changeUserRoleAction, setUserDisabledAction, setUserPasswordAction } from "./actions";

export function AddUserForm() {
  const [state, action, pending] = useActionState(addUserAction, null);
  const [values, setValues] = useState({ email: "", name: "", role: "viewer", password: "" });
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const bind = (field: keyof typeof values) => ({
    name: field,
    value: values[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [field]: e.target.value })),
  });
  return (
    <form
      onSubmit={(event) => submitKeepingValues(event, action)}
      className="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 className="text-lg font-semibold">Add user</h2>
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input type="email" required className="input" {...bind("email")} />
        <FieldError id="email-error" messages={errors.email} />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Name</span>
        <input required className="input" {...bind("name")} />
        <FieldError id="name-error" messages={errors.name} />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Role</span>
        <select className="input" {...bind("role")}>
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input type="password" required autoComplete="new-password" className="input" {...bind("password")} />
        <FieldError id="password-error" messages={errors.password} />
      </label>
      <FormError message={state && !state.ok && state.error} />
      {state?.ok && (
        <p role="status" className="text-sm text-green-700">
          User added.
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        Create user
      </button>
    </form>
  );
}

export function UserRowActions({
  id,
  email,
  role,
  disabled,
  activeTokens,
}: {
  id: string;
  email: string;
  role: "admin" | "viewer";
  disabled: boolean;
  activeTokens: number;
}) {
  const [confirming, setConfirming] = useState(false);
  const [disableState, disableAction, disablePending] = useActionState(
    async (previous: Awaited<ReturnType<typeof setUserDisabledAction>>, formData: FormData) => {
      const result = await setUserDisabledAction(previous, formData);
      if (result?.ok) setConfirming(false);
      return result;
    },
    null,
  );
  const [roleState, roleAction] = useActionState(changeUserRoleAction, null);
  // A refused disable is shown in its dialog; an enable or a role change here.
  const error =
    (!confirming && disableState && !disableState.ok && disableState.error) ||
    (roleState && !roleState.ok && roleState.error);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {disabled ? (
        <form action={disableAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="disabled" value="false" />
          <button type="submit" className="btn">
            Enable
          </button>
        </form>
      ) : (
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          Disable
        </button>
      )}
      {confirming && !disabled && (
        <ConfirmDialog
          titleId={`disable-${id}`}
          title={`Disable ${email}?`}
          message={
            "They are signed out at once. " +
            (activeTokens === 0
              ? "They created no active API tokens."
              : `This stops ${activeTokens} active API ${activeTokens === 1 ? "token" : "tokens"} they created: ` +
                "applications using them are refused until the user is enabled again.")
          }
          confirmLabel="Disable user"
          action={disableAction}
          onCancel={() => setConfirming(false)}
          pending={disablePending}
          error={disableState && !disableState.ok ? disableState.error : null}
        >
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="disabled" value="true" />
        </ConfirmDialog>
      )}
      <form action={roleAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="role" value={role === "admin" ? "viewer" : "admin"} />
        {/* The accessible name starts with the visible words (WCAG 2.5.3), then says whom it is about. */}
        <button
          type="submit"
          className="btn"
          aria-label={`${role === "admin" ? "Make viewer" : "Make admin"} (${email})`}
        >
          {role === "admin" ? "Make viewer" : "Make admin"}
        </button>
      </form>
      <FormError message={error} className="w-full" />
    </div>
  );
}

/** An admin sets another user's password: the user's sessions end, and they sign in with the new one. */
export function SetPasswordButton({ id, email }: { id: string; email: string }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(setUserPasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Set password
      </button>
      {open && (
        <Dialog titleId={`password-${id}`}>
          <form action={action} className="w-full max-w-md space-y-3 rounded-lg bg-white p-6 shadow-lg">
            <h2 id={`password-${id}`} className="text-lg font-semibold">
              Set a new password for {email}
            </h2>
            <p className="text-sm text-slate-600">Their sessions end at once; they sign in with the new password.</p>
            <input type="hidden" name="id" value={id} />
            <label className="block">
              <span className="text-sm font-medium">New password</span>
              <input name="newPassword" type="password" required autoComplete="new-password" className="input" />
              <FieldError id={`new-password-error-${id}`} messages={errors.newPassword} />
            </label>
            <FormError message={state && !state.ok && state.error} />
            {state?.ok && (
              <p role="status" className="text-sm text-green-700">
                Password set; their sessions have ended.
              </p>
            )}
            <div className="flex justify-end gap-2">
              <button type="button" className="btn" onClick={() => setOpen(false)}>
                Close
              </button>
              <button type="submit" className="btn-primary" disabled={pending}>
                Save password
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
