"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

// How often an open page re-reads runs that are still queued or running: short enough that a small run shows as
// done without a manual reload.
const POLL_INTERVAL_MS = 2_000;

/**
 * Re-renders the server page periodically while `active` is true, so run status updates without a reload.
 * `message` is announced while it polls; null polls silently.
 */
export function LiveRefresh({
  active,
  message = "Updating live while runs are in progress…",
}: {
  active: boolean;
  message?: string | null;
}) {
  const router = useRouter();
  // The interval keeps running across re-renders; it always calls the current router.
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => routerRef.current.refresh(), POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [active]);
  return active && message ? (
    <p role="status" className="text-sm text-slate-500">
      {message}
    </p>
  ) : null;
}
