import type { Run } from "../db/schema";
import { listenForRunEnd } from "./finished-channel";
import { getRun } from "./queries";

export const isFinished = (run: Run) => run.status === "succeeded" || run.status === "failed";

/**
 * Waits up to `seconds` for a run to finish (SPEC §9, `Prefer: wait`) and returns its state then. Two short reads,
 * before and after; in between only a Redis subscription wakes it, so no database connection is held while waiting,
 * and any web instance hears the worker's announcement. Without Redis it answers at once with the current state.
 */
export async function waitForRun(run: Run, seconds: number): Promise<Run> {
  if (isFinished(run)) return run;
  const wait = await listenForRunEnd(run.id, seconds * 1_000);
  if (!wait) return (await getRun(run.id)) ?? run;
  try {
    const current = await getRun(run.id);
    if (!current || isFinished(current)) return current ?? run;
    await wait.ended;
  } finally {
    wait.cancel();
  }
  // Also read when the time ran out: an announcement lost in a Redis blip still counts once the run has ended.
  return (await getRun(run.id)) ?? run;
}
