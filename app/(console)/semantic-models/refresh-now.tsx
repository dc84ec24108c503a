"use client";

import Link from "next/link";
import { useActionState } from "react";
import { refreshModelAction } from "./actions";

/** **Refresh now**: queues a console-triggered refresh and links to its run. */
export function RefreshNowButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(refreshModelAction, null);
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn" disabled={pending}>
        Refresh now
      </button>
      {state?.ok && (
        <span role="status" className="text-sm text-green-700">
          {state.data.created ? "Refresh queued." : "A refresh was already queued."}{" "}
          <Link href={`/runs/${state.data.runId}`} className="text-blue-700 underline">
            View run
          </Link>
        </span>
      )}
      {state && !state.ok && (
        <span role="alert" className="field-error mt-0">
          {state.error}
        </span>
      )}
    </form>
  );
}
