import { and, eq } from "drizzle-orm";
import { db } from "../db/client";
import { runs, type RunProgress } from "../db/schema";
import { log } from "../log";

// SPEC: progress is written a few times a second at most, so a long run costs a handful of small updates.
export const PROGRESS_INTERVAL_MS = 500;

/**
 * A running run's progress, kept in memory and written to its row at most every PROGRESS_INTERVAL_MS (and once
 * more at the end). A failed write is logged: progress is a courtesy, never a reason to fail the run.
 */
export function progressReporter(runId: string, initial: Partial<RunProgress> = {}) {
  const progress: RunProgress = { rows: 0, recipientsSent: 0, recipientsTotal: 0, ...initial };
  let writtenAt = 0;
  let pending: Promise<void> = Promise.resolve();
  let dirty = false;

  function write(): void {
    dirty = false;
    writtenAt = Date.now();
    const snapshot = { ...progress };
    pending = pending.then(() =>
      db
        .update(runs)
        .set({ progress: snapshot })
        .where(and(eq(runs.id, runId), eq(runs.status, "running")))
        .then(
          () => undefined,
          (error: unknown) => log.warn({ runId, err: String(error) }, "run progress not saved"),
        ),
    );
  }

  return {
    update(change: Partial<RunProgress>): void {
      Object.assign(progress, change);
      dirty = true;
      if (Date.now() - writtenAt >= PROGRESS_INTERVAL_MS) write();
    },
    sent(): void {
      this.update({ recipientsSent: progress.recipientsSent + 1 });
    },
    /** Writes the latest figures and waits for every write. */
    async flush(): Promise<void> {
      if (dirty) write();
      await pending;
    },
  };
}
