"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { FormError } from "@/app/components/field-error";
import { ConfirmDialog } from "@/app/components/dialog";
import {
  deleteSubscriptionAction,
  pauseSubscriptionAction,
  resumeSubscriptionAction,
  runSubscriptionNowAction,
} from "./actions";

/** Run now, Pause / Resume, Edit and Delete for one subscription. */
export function SubscriptionActions({ id, name, status }: { id: string; name: string; status: "active" | "paused" }) {
  const [runState, runNow, running] = useActionState(runSubscriptionNowAction, null);
  const [pauseState, pause] = useActionState(pauseSubscriptionAction, null);
  const [resumeState, resume] = useActionState(resumeSubscriptionAction, null);
  const [deleteState, remove] = useActionState(deleteSubscriptionAction, null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const error = [runState, pauseState, resumeState, deleteState].find((s) => s && !s.ok);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={runNow}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn" disabled={running || status === "paused"}>
          Run now
        </button>
      </form>
      <form action={status === "active" ? pause : resume}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn">
          {status === "active" ? "Pause" : "Resume"}
        </button>
      </form>
      <Link href={`/subscriptions/${id}/edit`} className="btn">
        Edit
      </Link>
      <button type="button" className="btn-danger" onClick={() => setConfirmingDelete(true)}>
        Delete
      </button>
      {runState?.ok && (
        <Link href={`/runs/${runState.data.runId}`} className="text-sm text-blue-700 underline">
          Run queued — view run
        </Link>
      )}
      <FormError message={error && !error.ok && error.error} className="w-full" />
      {confirmingDelete && (
        <ConfirmDialog
          titleId={`delete-${id}`}
          title={`Delete “${name}”?`}
          message="Its schedule stops and its run history is removed. This cannot be undone."
          confirmLabel="Delete subscription"
          action={remove}
          onCancel={() => setConfirmingDelete(false)}
        >
          <input type="hidden" name="id" value={id} />
        </ConfirmDialog>
      )}
    </div>
  );
}
