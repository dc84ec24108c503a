"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
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
      {error && !error.ok && (
        <p role="alert" className="field-error w-full">
          {error.error}
        </p>
      )}
      {confirmingDelete && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby={`delete-${id}`}
          className="fixed inset-0 z-10 flex items-center justify-center bg-black/30"
        >
          <form action={remove} className="w-full max-w-md rounded-lg bg-white p-6 shadow-lg">
            <h2 id={`delete-${id}`} className="text-lg font-semibold">
              Delete “{name}”?
            </h2>
            <p className="mt-2 text-sm text-slate-600">
              Its schedule stops and its run history is removed. This cannot be undone.
            </p>
            <input type="hidden" name="id" value={id} />
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" className="btn" onClick={() => setConfirmingDelete(false)}>
                Cancel
              </button>
              <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800">
                Delete subscription
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
