import type { Run } from "@/lib/db/schema";
import type { ConsoleRun } from "@/lib/runs/console-queries";
import { StatusBadge } from "./status-badge";

const STATUS_STYLE: Record<string, string> = {
  queued: "bg-slate-200 text-slate-800",
  running: "bg-blue-100 text-blue-800",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <StatusBadge colors={STATUS_STYLE[status] ?? ""}>{status}</StatusBadge>;
}

export const RUN_KIND_LABELS: Record<Run["kind"], string> = {
  subscription: "Subscription run",
  "semantic-model-refresh": "Semantic model refresh",
};

/** Who or what started a run, in words. */
export function triggerLabel(row: Pick<ConsoleRun, "run" | "tokenName" | "userEmail">): string {
  if (row.run.trigger === "api") return `API token ${row.tokenName ?? "(deleted)"}`;
  if (row.run.trigger === "console") return `Console: ${row.userEmail ?? "unknown user"}`;
  return "Schedule";
}

/** How long a run took, from start to finish; "—" until it has finished. */
export function runDuration(run: { startedAt: Date | null; finishedAt: Date | null }): string {
  if (!run.startedAt || !run.finishedAt) return "—";
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A run between attempts: when the next one is due and why the last one failed (its error is shown beside it). */
export function RetryNote({ run }: { run: { status: string; retryAt: Date | null } }) {
  if (run.status !== "running" || !run.retryAt) return null;
  const at = run.retryAt.toISOString().slice(11, 19);
  return (
    <div className="mt-1 text-xs text-amber-800" data-testid="retry-note">
      Waiting to retry: next attempt at {at} UTC
    </div>
  );
}
