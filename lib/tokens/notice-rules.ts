const DAY_MS = 86_400_000;

/** Whole UTC calendar days from `now`'s date to `expiresAt`'s date (0 on the day it expires). */
export function calendarDaysLeft(expiresAt: Date, now: Date): number {
  const day = (at: Date) => Math.floor(at.getTime() / DAY_MS);
  return day(expiresAt) - day(now);
}

/**
 * The expiry notice due now, given the configured days before expiry (SPEC §8): the latest threshold reached, so a
 * token made with 5 days left gets the 7-day notice and never the 30-day one. Null when none is due yet.
 */
export function dueExpiryNotice(expiresAt: Date, now: Date, noticeDays: readonly number[]): number | null {
  const left = calendarDaysLeft(expiresAt, now);
  const reached = noticeDays.filter((days) => days >= left);
  return reached.length === 0 ? null : Math.min(...reached);
}

/** The notice's row key: a new expiry (after regeneration) starts a fresh series. */
export function expiryNoticeKey(expiresAt: Date, days: number): string {
  return `expiry:${expiresAt.toISOString()}:${days}`;
}

/** Whether a notice at `days` (or a later one) was already sent for this expiry. */
export function alreadySent(sentKeys: readonly string[], expiresAt: Date, days: number, noticeDays: readonly number[]) {
  return noticeDays.some((d) => d <= days && sentKeys.includes(expiryNoticeKey(expiresAt, d)));
}

export const LEAKED_NOTICE_KEY = "leaked";
