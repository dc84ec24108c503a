import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StalledAttemptError, watchAttempt } from "./attempt";

describe("watchAttempt", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("stops an attempt only after the limit passes without progress", async () => {
    const beats: number[] = [];
    const attempt = watchAttempt(1_000, () => beats.push(Date.now()));
    vi.advanceTimersByTime(900);
    attempt.progress();
    vi.advanceTimersByTime(900);
    expect(attempt.signal.aborted).toBe(false);
    expect(beats).toHaveLength(1);

    vi.advanceTimersByTime(100);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBeInstanceOf(StalledAttemptError);
    expect(await attempt.stalled).toBe(attempt.signal.reason);
    expect((attempt.signal.reason as Error).message).toBe(
      "No progress for 1 s: the attempt was stopped and will be retried",
    );
    // Progress after the stop changes nothing.
    attempt.progress();
    expect(beats).toHaveLength(1);
  });

  it("never fires once stopped", () => {
    const attempt = watchAttempt(1_000);
    attempt.stop();
    vi.advanceTimersByTime(10_000);
    expect(attempt.signal.aborted).toBe(false);
  });
});
