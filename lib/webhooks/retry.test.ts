import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, RETRY_JITTER, retryDelayMs } from "./retry";

describe("webhook retry schedule", () => {
  it("follows the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h", () => {
    const hours = (h: number) => h * 3_600_000;
    expect(RETRY_DELAYS_MS).toEqual([
      5_000,
      300_000,
      1_800_000,
      hours(2),
      hours(5),
      hours(10),
      hours(14),
      hours(20),
      hours(24),
    ]);
    expect(MAX_ATTEMPTS).toBe(10);
  });

  it("adds jitter within the bounds", () => {
    expect(retryDelayMs(1, () => 0)).toBe(5_000 * (1 - RETRY_JITTER));
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(2, () => 1)).toBe(300_000 * (1 + RETRY_JITTER));
  });

  it("stops after the last retry", () => {
    expect(retryDelayMs(9, () => 0.5)).toBe(24 * 3_600_000);
    expect(retryDelayMs(10)).toBeNull();
  });
});
