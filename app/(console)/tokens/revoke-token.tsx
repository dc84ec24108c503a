"use client";

import { useActionState, useState } from "react";
import { ConfirmDialog } from "@/app/components/dialog";
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
        <ConfirmDialog
          titleId={`revoke-${id}`}
          title={`Revoke “${name}”?`}
          message="Applications using this token are refused from their next request. This cannot be undone."
          confirmLabel="Revoke token"
          action={action}
          onCancel={() => setConfirming(false)}
          pending={pending}
          error={state && !state.ok ? state.error : null}
        >
          <input type="hidden" name="id" value={id} />
        </ConfirmDialog>
      )}
    </>
  );
}
