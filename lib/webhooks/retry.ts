import { randomInt } from "node:crypto";

// SPEC §9, the Standard Webhooks schedule: the first attempt at once, then these delays after each failure.
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
] as const;

// ±20 %: receivers that failed together (an outage) do not all get their retries in the same second.
export const RETRY_JITTER = 0.2;

// The jitter's randomness: uniform in [0, 1), from the CSPRNG like every other random number in Sluice.
// randomInt takes a range below 2^48.
const UNIT_STEPS = 2 ** 47;
const cryptoUnit = (): number => randomInt(UNIT_STEPS) / UNIT_STEPS;

/** Delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed; null when the schedule is spent. */
export function retryDelayMs(attempt: number, random: () => number = cryptoUnit): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + RETRY_JITTER * (2 * random() - 1)));
}

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
