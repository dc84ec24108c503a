import { describe, expect, it } from "vitest";
import { daysUntil, resolveExpiry, tokenStatus } from "./expiry";

const now = new Date("2026-11-29T10:00:00Z");

describe("resolveExpiry", () => {
  it.each([
    ["30", 30],
    ["60", 60],
    ["90", 90],
  ] as const)("puts a %s-day preset that many days ahead", (choice, days) => {
    expect(resolveExpiry(choice, undefined, now)?.getTime()).toBe(now.getTime() + days * 86_400_000);
  });

  it("accepts custom dates from tomorrow to one year ahead, ending at the end of that UTC day", () => {
    expect(resolveExpiry("custom", "2026-11-30", now)?.toISOString()).toBe("2026-11-30T23:59:59.999Z");
    expect(resolveExpiry("custom", "2027-11-29", now)?.toISOString()).toBe("2027-11-29T23:59:59.999Z");
  });

  it.each([
    ["today", "2026-11-29"],
    ["the past", "2026-01-01"],
    ["more than a year ahead", "2027-11-30"],
    ["an impossible date", "2027-02-30"],
    ["not a date", "next week"],
    ["missing", undefined],
  ])("rejects a custom date that is %s", (_label, date) => {
    expect(resolveExpiry("custom", date, now)).toBeNull();
  });
});

describe("tokenStatus", () => {
  const later = new Date(now.getTime() + 1000);
  it("is Revoked before Expired, and Expired exactly at expiresAt", () => {
    expect(tokenStatus({ revokedAt: now, expiresAt: later }, now)).toBe("Revoked");
    expect(tokenStatus({ revokedAt: null, expiresAt: later }, now)).toBe("Active");
    expect(tokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("Expired");
  });

  it("counts whole days left, rounding up", () => {
    expect(daysUntil(new Date(now.getTime() + 1.5 * 86_400_000), now)).toBe(2);
  });
});
