import { z } from "zod";

export const MIN_EXPIRY_DAYS = 1;
export const MAX_EXPIRY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const expiryChoiceSchema = z.enum(["30", "60", "90", "custom"]);

/** The UTC calendar date `days` after `now`, as YYYY-MM-DD. */
export function dateAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Resolves the form's expiry to an instant. A preset counts days from now; a custom date expires at the end of
 * that UTC day. Returns null when the result is not 1 to 365 days ahead.
 */
export function resolveExpiry(
  choice: z.infer<typeof expiryChoiceSchema>,
  customDate: string | undefined,
  now: Date,
): Date | null {
  if (choice !== "custom") return new Date(now.getTime() + Number(choice) * DAY_MS);
  if (!customDate || !/^\d{4}-\d{2}-\d{2}$/.test(customDate)) return null;
  const endOfDay = new Date(`${customDate}T23:59:59.999Z`);
  if (Number.isNaN(endOfDay.getTime()) || endOfDay.toISOString().slice(0, 10) !== customDate) return null;
  if (customDate < dateAfter(now, MIN_EXPIRY_DAYS) || customDate > dateAfter(now, MAX_EXPIRY_DAYS)) return null;
  return endOfDay;
}

export function tokenStatus(
  t: { revokedAt: Date | null; expiresAt: Date },
  now: Date,
): "Active" | "Expired" | "Revoked" {
  if (t.revokedAt) return "Revoked";
  return now < t.expiresAt ? "Active" : "Expired";
}

export function daysUntil(when: Date, now: Date): number {
  return Math.ceil((when.getTime() - now.getTime()) / DAY_MS);
}
