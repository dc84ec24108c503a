import { log } from "../lib/log";

export type Periodic = { runOnce(): Promise<void>; stop(): Promise<void> };

/**
 * Runs `work` at start and then `intervalMs` after each pass ends (never two at once). A failed pass — Redis or
 * Postgres away — is logged once per outage, not every pass, and the next pass simply tries again; `work` is told
 * when it runs right after a failure, so it can say that things are back.
 */
export function startPeriodic(
  name: string,
  intervalMs: number,
  work: (afterFailure: boolean) => Promise<void>,
): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failed = false;
  let current: Promise<void> = Promise.resolve();

  async function pass(): Promise<void> {
    try {
      await work(failed);
      failed = false;
    } catch (error) {
      if (!failed)
        log.warn({ err: error instanceof Error ? error.message : String(error) }, `${name} failed; retrying`);
      failed = true;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(schedule);
    }, intervalMs);
  }

  current = pass().finally(schedule);
  return {
    runOnce: () => pass(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
