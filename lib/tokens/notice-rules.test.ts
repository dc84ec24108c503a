import { describe, expect, it } from "vitest";
import { alreadySent, calendarDaysLeft, dueExpiryNotice, expiryNoticeKey } from "./notice-rules";

const DAYS = [30, 7, 1, 0];
const now = new Date("2026-03-10T12:00:00Z");
const inDays = (days: number, time = "18:00:00") =>
  new Date(`${new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10)}T${time}Z`);

describe("dueExpiryNotice", () => {
  it.each([
    [45, null],
    [31, null],
    [30, 30],
    [29, 30],
    [7, 7],
    [5, 7],
    [1, 1],
    [0, 0],
  ])("with %i calendar days left → %s", (days, expected) => {
    expect(dueExpiryNotice(inDays(days), now, DAYS)).toBe(expected);
  });

  it("counts calendar days in UTC: expiring later today is day 0, early tomorrow is day 1", () => {
    expect(calendarDaysLeft(inDays(0, "23:59:59"), now)).toBe(0);
    expect(calendarDaysLeft(inDays(1, "00:00:01"), now)).toBe(1);
  });
});

describe("alreadySent", () => {
  const expiresAt = inDays(5);
  it("treats a later notice as covering an earlier threshold, and a new expiry as a fresh series", () => {
    const sent = [expiryNoticeKey(expiresAt, 7)];
    expect(alreadySent(sent, expiresAt, 7, DAYS)).toBe(true);
    expect(alreadySent(sent, expiresAt, 30, DAYS)).toBe(true);
    expect(alreadySent(sent, expiresAt, 1, DAYS)).toBe(false);
    expect(alreadySent(sent, inDays(90), 30, DAYS)).toBe(false);
  });
});
