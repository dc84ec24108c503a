import type { ConsoleRun } from "@/lib/runs/console-queries";

const STATUS_STYLE: Record<string, string> = {
  queued: "bg-slate-200 text-slate-800",
  running: "bg-blue-100 text-blue-800",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? ""}`}>{status}</span>;
}

/** Who or what started a run, in words. */
export function triggerLabel(row: Pick<ConsoleRun, "run" | "tokenName" | "userEmail">): string {
  if (row.run.trigger === "api") return `API token ${row.tokenName ?? "(deleted)"}`;
  if (row.run.trigger === "console") return `Console: ${row.userEmail ?? "unknown user"}`;
  return "Schedule";
}

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
