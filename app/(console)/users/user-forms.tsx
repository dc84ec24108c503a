"use client";

import { useActionState, useState } from "react";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { addUserAction, changeUserRoleAction, setUserDisabledAction } from "./actions";

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
}: {
  id: string;
  email: string;
  role: "admin" | "viewer";
  disabled: boolean;
}) {
  const [disableState, disableAction] = useActionState(setUserDisabledAction, null);
  const [roleState, roleAction] = useActionState(changeUserRoleAction, null);
  const error =
    (disableState && !disableState.ok && disableState.error) || (roleState && !roleState.ok && roleState.error);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={disableAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
        <button type="submit" className="btn">
          {disabled ? "Enable" : "Disable"}
        </button>
      </form>
      <form action={roleAction}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="role" value={role === "admin" ? "viewer" : "admin"} />
        <button type="submit" className="btn" aria-label={`Make ${email} ${role === "admin" ? "viewer" : "admin"}`}>
          {role === "admin" ? "Make viewer" : "Make admin"}
        </button>
      </form>
      <FormError message={error} className="w-full" />
    </div>
  );
}
