import { describe, expect, it } from "vitest";
import { cronFor, nextRunAt } from "./cron";
import { isValidTimeZone } from "./schema";

const base = { time: "08:30", timeZone: "UTC", dayOfWeek: 1, dayOfMonth: 1 };

describe("cronFor", () => {
  it.each([
    [{ ...base, frequency: "manual" as const }, null],
    [{ ...base, frequency: "daily" as const }, "30 8 * * *"],
    [{ ...base, frequency: "weekly" as const, dayOfWeek: 0 }, "30 8 * * 0"],
    [{ ...base, frequency: "monthly" as const, dayOfMonth: 28, time: "23:05" }, "5 23 28 * *"],
    [{ ...base, frequency: "daily" as const, time: "00:00" }, "0 0 * * *"],
  ])("%j → %s", (schedule, pattern) => {
    expect(cronFor(schedule)).toBe(pattern);
  });

  it.each([
    { ...base, frequency: "daily" as const, time: "24:00" },
    { ...base, frequency: "daily" as const, time: "8:30" },
    { ...base, frequency: "daily" as const, timeZone: "Mars/Olympus" },
    { ...base, frequency: "weekly" as const, dayOfWeek: 7 },
    { ...base, frequency: "monthly" as const, dayOfMonth: 29 },
  ])("rejects %j", (schedule) => {
    expect(() => cronFor(schedule)).toThrow();
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("nextRunAt", () => {
  it("is null for manual-only", () => {
    expect(nextRunAt({ ...base, frequency: "manual" }, new Date("2026-01-01T00:00:00Z"))).toBeNull();
  });

  it("reads the time in the schedule's zone, across daylight saving time", () => {
    const daily = { ...base, frequency: "daily" as const, time: "08:00", timeZone: "Europe/Berlin" };
    expect(nextRunAt(daily, new Date("2026-01-15T12:00:00Z"))?.toISOString()).toBe("2026-01-16T07:00:00.000Z");
    expect(nextRunAt(daily, new Date("2026-07-15T05:00:00Z"))?.toISOString()).toBe("2026-07-15T06:00:00.000Z");
  });

  it("is strictly after `from`", () => {
    const daily = { ...base, frequency: "daily" as const, time: "08:30" };
    expect(nextRunAt(daily, new Date("2026-01-15T08:30:00Z"))?.toISOString()).toBe("2026-01-16T08:30:00.000Z");
  });

  it("finds the weekday and the day of the month", () => {
    // 2026-01-15 is a Thursday.
    const weekly = { ...base, frequency: "weekly" as const, dayOfWeek: 1, timeZone: "America/New_York", time: "09:00" };
    expect(nextRunAt(weekly, new Date("2026-01-15T12:00:00Z"))?.toISOString()).toBe("2026-01-19T14:00:00.000Z");
    const monthly = { ...base, frequency: "monthly" as const, dayOfMonth: 28, time: "06:00" };
    expect(nextRunAt(monthly, new Date("2026-02-28T07:00:00Z"))?.toISOString()).toBe("2026-03-28T06:00:00.000Z");
  });
});

describe("next run of stored rows", async () => {
  const { nextModelRefreshAt, nextSubscriptionRunAt } = await import("./next-run");
  const from = new Date("2026-01-15T12:00:00Z");
  const subscription = {
    status: "active" as const,
    frequency: "daily" as const,
    every: 1,
    daysOfWeek: [1],
    monthlyOn: "day" as const,
    dayOfMonth: 1,
    weekOfMonth: 1,
    dayOfWeek: 1,
    onceDate: null,
    time: "13:00",
    timeZone: "UTC",
    startDate: null,
    endDate: null,
  };

  it("follows the subscription's schedule while it is active", () => {
    expect(nextSubscriptionRunAt(subscription, from)?.toISOString()).toBe("2026-01-15T13:00:00.000Z");
    expect(nextSubscriptionRunAt({ ...subscription, status: "paused" }, from)).toBeNull();
    expect(nextSubscriptionRunAt({ ...subscription, timeZone: "Nowhere/Land" }, from)).toBeNull();
  });

  it("runs monthly model refreshes on the 1st", () => {
    expect(
      nextModelRefreshAt(
        { refreshFrequency: "monthly", refreshTime: "06:00", refreshTimeZone: "UTC" },
        from,
      )?.toISOString(),
    ).toBe("2026-02-01T06:00:00.000Z");
    expect(
      nextModelRefreshAt({ refreshFrequency: "manual", refreshTime: "06:00", refreshTimeZone: "UTC" }, from),
    ).toBeNull();
  });
});
