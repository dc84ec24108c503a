"use client";

import { useActionState, useState } from "react";
import { revokeTokenAction } from "./actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <>
      <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
        Revoke
      </button>
      {confirming && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby={`revoke-${id}`}
          className="fixed inset-0 z-10 flex items-center justify-center bg-black/30"
        >
          <form action={action} className="w-full max-w-md rounded-lg bg-white p-6 shadow-lg">
            <h2 id={`revoke-${id}`} className="text-lg font-semibold">
              Revoke “{name}”?
            </h2>
            <p className="mt-2 text-sm text-slate-600">
              Applications using this token are refused from their next request. This cannot be undone.
            </p>
            <input type="hidden" name="id" value={id} />
            {state && !state.ok && (
              <p role="alert" className="field-error">
                {state.error}
              </p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800" disabled={pending}>
                Revoke token
              </button>
            </div>
          </form>
        </div>
      )}
    </>
  );
}
