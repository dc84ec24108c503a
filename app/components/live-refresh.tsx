"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

// How often an open page re-reads runs that are still queued or running.
const POLL_INTERVAL_MS = 2_000;

/** Re-renders the server page periodically while `active` is true, so run status updates without a reload. */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return active ? (
    <p role="status" className="text-sm text-slate-500">
      Updating live while runs are in progress…
    </p>
  ) : null;
}
