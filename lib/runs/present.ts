import type { Run } from "../db/schema";

/** A run as the API shows it (SPEC §4). */
export function presentRun(run: Run) {
  const target =
    run.kind === "subscription" ? { subscriptionId: run.subscriptionId } : { semanticModelId: run.semanticModelId };
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    ...target,
    trigger: run.trigger,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    attempts: run.attempts,
    error: run.error ?? null,
    result: run.result ?? null,
    // How far a long run is; once it has ended, `result` says the rest.
    ...(run.status === "running" && run.progress ? { progress: run.progress } : {}),
  };
}

export type PresentedRun = ReturnType<typeof presentRun>;
