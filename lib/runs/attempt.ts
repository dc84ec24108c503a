/** What a run's processor gets for one attempt: a signal that says stop, and a way to say it is still moving. */
export type Attempt = {
  readonly signal: AbortSignal;
  /** The attempt moved forward (a recipient settled, a phase ended). */
  progress(): void;
};

/** For callers outside a job (scripts, tests): never stopped, progress goes nowhere. */
export const unwatchedAttempt: Attempt = { signal: new AbortController().signal, progress: () => {} };

/** The watchdog's reason for stopping an attempt; the run keeps it as the attempt's error. */
export class StalledAttemptError extends Error {
  constructor(limitMs: number) {
    super(`No progress for ${Math.round(limitMs / 1000)} s: the attempt was stopped and will be retried`);
  }
}

export type WatchedAttempt = Attempt & {
  /** Resolves when the watchdog stops the attempt. */
  readonly stalled: Promise<StalledAttemptError>;
  /** Ends the watch (the attempt is over). */
  stop(): void;
};

/**
 * Watches an attempt: when `limitMs` pass without progress() — longer than any single step may take, sends
 * included — the attempt is stopped through its signal and `stalled` resolves, so the job can fail and be retried
 * instead of holding its run forever. `onProgress` is told of each step (e.g. to record a heartbeat).
 */
export function watchAttempt(limitMs: number, onProgress: () => void = () => {}): WatchedAttempt {
  const controller = new AbortController();
  let fire: (error: StalledAttemptError) => void = () => {};
  const stalled = new Promise<StalledAttemptError>((resolve) => (fire = resolve));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const error = new StalledAttemptError(limitMs);
      controller.abort(error);
      fire(error);
    }, limitMs);
  };
  arm();
  return {
    signal: controller.signal,
    stalled,
    progress() {
      if (stopped || controller.signal.aborted) return;
      arm();
      onProgress();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
