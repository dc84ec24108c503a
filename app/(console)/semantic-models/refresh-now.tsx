"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
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

// Short enough that a refresh of a small model shows as done without a manual reload.
const POLL_INTERVAL_MS = 2_000;

/** While a refresh is queued or running, re-reads the page now and then so its status and values appear. */
export function RefreshWhileActive({ active }: { active: boolean }) {
  const router = useRouter();
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => routerRef.current.refresh(), POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [active]);
  return null;
}
