import { describe, expect, it } from "vitest";
import { subscriptionFormSchema } from "../subscriptions/schemas";
import { decideFire, isCompleted, schedulePlan, upcomingRuns } from "./plan";
import type { SubscriptionSchedule } from "./subscription-schedule";

const base: SubscriptionSchedule = {
  frequency: "daily",
  every: 1,
  daysOfWeek: [1],
  monthlyOn: "day",
  dayOfMonth: 1,
  weekOfMonth: 1,
  dayOfWeek: 1,
  onceDate: null,
  time: "09:00",
  timeZone: "UTC",
  startDate: null,
  endDate: null,
};

const runsOf = (s: Partial<SubscriptionSchedule>, from: string, holidays: string[] = [], count = 5) =>
  upcomingRuns({ ...base, ...s }, new Date(from), count, new Set(holidays)).map(
    (run) => run.at.toISOString() + (run.skipped ? " skipped" : ""),
  );

describe("upcoming runs", () => {
  it("keeps a Europe/Berlin weekly schedule at 09:00 local across the March switch", () => {
    // Summer time starts on Sunday 29 March 2026: 09:00 is 08:00Z before, 07:00Z after.
    expect(runsOf({ frequency: "weekly", daysOfWeek: [0], timeZone: "Europe/Berlin" }, "2026-03-16T00:00:00Z")).toEqual(
      [
        "2026-03-22T08:00:00.000Z",
        "2026-03-29T07:00:00.000Z",
        "2026-04-05T07:00:00.000Z",
        "2026-04-12T07:00:00.000Z",
        "2026-04-19T07:00:00.000Z",
      ],
    );
  });

  it("keeps it across the October switch, and a time the switch repeats runs once", () => {
    // Winter time starts on Sunday 25 October 2026 at 03:00, which becomes 02:00 again.
    expect(
      runsOf({ frequency: "weekly", daysOfWeek: [0, 3], timeZone: "Europe/Berlin" }, "2026-10-20T00:00:00Z", [], 4),
    ).toEqual([
      "2026-10-21T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
      "2026-10-28T08:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]);
    const repeated = runsOf(
      { frequency: "weekly", daysOfWeek: [0], time: "02:30", timeZone: "Europe/Berlin" },
      "2026-10-20T00:00:00Z",
      [],
      2,
    );
    expect(repeated).toHaveLength(2);
    expect(repeated[0]?.startsWith("2026-10-25T0")).toBe(true);
    expect(repeated[1]).toBe("2026-11-01T01:30:00.000Z");
  });

  it("lists a holiday as skipped and still gives five runs", () => {
    expect(runsOf({ frequency: "daily" }, "2026-12-23T12:00:00Z", ["2026-12-25", "2026-12-26"])).toEqual([
      "2026-12-24T09:00:00.000Z",
      "2026-12-25T09:00:00.000Z skipped",
      "2026-12-26T09:00:00.000Z skipped",
      "2026-12-27T09:00:00.000Z",
      "2026-12-28T09:00:00.000Z",
      "2026-12-29T09:00:00.000Z",
      "2026-12-30T09:00:00.000Z",
    ]);
  });

  it("reads a holiday's date in the schedule's zone", () => {
    // 23:30 in New York on 24 Dec is 25 Dec in UTC: not the holiday there.
    const s = { ...base, time: "23:30", timeZone: "America/New_York" };
    expect(decideFire(s, new Date("2026-12-25T04:30:00Z"), new Set(["2026-12-25"]))).toEqual({ run: true });
    expect(decideFire(s, new Date("2026-12-25T04:30:00Z"), new Set(["2026-12-24"]))).toEqual({
      run: false,
      reason: "holiday",
    });
  });

  it("runs day 31 on the last day of shorter months", () => {
    expect(runsOf({ frequency: "monthly", dayOfMonth: 31 }, "2027-01-01T00:00:00Z")).toEqual([
      "2027-01-31T09:00:00.000Z",
      "2027-02-28T09:00:00.000Z",
      "2027-03-31T09:00:00.000Z",
      "2027-04-30T09:00:00.000Z",
      "2027-05-31T09:00:00.000Z",
    ]);
    expect(runsOf({ frequency: "monthly", dayOfMonth: 30 }, "2028-01-01T00:00:00Z", [], 3)).toEqual([
      "2028-01-30T09:00:00.000Z",
      "2028-02-29T09:00:00.000Z",
      "2028-03-30T09:00:00.000Z",
    ]);
  });

  it("finds the last day and ordinal weekdays", () => {
    expect(runsOf({ frequency: "monthly", monthlyOn: "last-day" }, "2026-01-01T00:00:00Z", [], 2)).toEqual([
      "2026-01-31T09:00:00.000Z",
      "2026-02-28T09:00:00.000Z",
    ]);
    // First Monday of 2026: 5 Jan, 2 Feb, 2 Mar.
    expect(
      runsOf(
        { frequency: "monthly", monthlyOn: "weekday", weekOfMonth: 1, dayOfWeek: 1 },
        "2026-01-01T00:00:00Z",
        [],
        3,
      ),
    ).toEqual(["2026-01-05T09:00:00.000Z", "2026-02-02T09:00:00.000Z", "2026-03-02T09:00:00.000Z"]);
    // Last Friday: 30 Jan, 27 Feb, 27 Mar.
    expect(
      runsOf(
        { frequency: "monthly", monthlyOn: "weekday", weekOfMonth: 5, dayOfWeek: 5 },
        "2026-01-01T00:00:00Z",
        [],
        3,
      ),
    ).toEqual(["2026-01-30T09:00:00.000Z", "2026-02-27T09:00:00.000Z", "2026-03-27T09:00:00.000Z"]);
  });

  it("counts every N days from the start date and every N hours from the time", () => {
    expect(runsOf({ frequency: "daily", every: 3, startDate: "2026-03-30" }, "2026-03-01T00:00:00Z", [], 3)).toEqual([
      "2026-03-30T09:00:00.000Z",
      "2026-04-02T09:00:00.000Z",
      "2026-04-05T09:00:00.000Z",
    ]);
    expect(runsOf({ frequency: "hourly", every: 6, time: "09:15" }, "2026-03-01T10:00:00Z", [], 4)).toEqual([
      "2026-03-01T15:15:00.000Z",
      "2026-03-01T21:15:00.000Z",
      "2026-03-02T03:15:00.000Z",
      "2026-03-02T09:15:00.000Z",
    ]);
  });

  it("stops at the end date (inclusive, in the zone) and includes a midnight run on the start date", () => {
    expect(
      runsOf(
        { frequency: "daily", time: "00:00", startDate: "2026-05-01", endDate: "2026-05-03" },
        "2026-01-01T00:00:00Z",
      ),
    ).toEqual(["2026-05-01T00:00:00.000Z", "2026-05-02T00:00:00.000Z", "2026-05-03T00:00:00.000Z"]);
  });

  it("gives a Once its single time, and none once it has passed", () => {
    const once = { frequency: "once" as const, onceDate: "2026-06-01", time: "10:00", timeZone: "Europe/Berlin" };
    expect(runsOf(once, "2026-05-01T00:00:00Z")).toEqual(["2026-06-01T08:00:00.000Z"]);
    expect(runsOf(once, "2026-06-02T00:00:00Z")).toEqual([]);
    expect(runsOf({ frequency: "manual" }, "2026-06-02T00:00:00Z")).toEqual([]);
  });
});

describe("the worker's decision", () => {
  it("runs a Once only at its own time: a job left from an earlier date is skipped", () => {
    const once = { ...base, frequency: "once" as const, onceDate: "2026-06-01", time: "10:00" };
    expect(decideFire(once, new Date("2026-06-01T10:00:00Z"), new Set())).toEqual({ run: true });
    expect(decideFire(once, new Date("2026-05-01T10:00:00Z"), new Set())).toEqual({
      run: false,
      reason: "not-scheduled",
    });
  });

  it("skips candidate days the cron pattern over-approximates", () => {
    const day31 = { ...base, frequency: "monthly" as const, dayOfMonth: 31 };
    expect(schedulePlan(day31)).toMatchObject({ pattern: "0 9 28-31 * *" });
    expect(decideFire(day31, new Date("2026-04-29T09:00:00Z"), new Set())).toMatchObject({ run: false });
    expect(decideFire(day31, new Date("2026-04-30T09:00:00Z"), new Set())).toEqual({ run: true });
  });

  it("passes the start and end to the job scheduler as instants in the zone", () => {
    expect(
      schedulePlan({ ...base, timeZone: "Europe/Berlin", startDate: "2026-07-01", endDate: "2026-07-31" }),
    ).toEqual({
      type: "repeat",
      pattern: "0 9 * * *",
      tz: "Europe/Berlin",
      startDate: new Date("2026-06-30T21:59:59.999Z"),
      endDate: new Date("2026-07-31T21:59:59.999Z"),
    });
  });
});

describe("Completed", () => {
  it("is past the end date in the schedule's zone, or past a Once", () => {
    const ending = { ...base, endDate: "2026-07-31", timeZone: "Pacific/Auckland" };
    expect(isCompleted(ending, new Date("2026-07-31T11:00:00Z"))).toBe(false);
    expect(isCompleted(ending, new Date("2026-07-31T12:00:00Z"))).toBe(true);
    expect(isCompleted({ ...base, frequency: "once", onceDate: "2026-06-01" }, new Date("2026-06-01T09:00:01Z"))).toBe(
      true,
    );
    expect(isCompleted(base, new Date("2099-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("the subscription form's schedule", () => {
  const form = {
    name: "Digest",
    reportId: "7d4f1b8e-52a5-4c1e-9f61-3b0a7c2d9e10",
    format: "pdf",
    recipients: "a@example.com",
    subject: "Digest",
    time: "08:00",
    timeZone: "UTC",
  };
  const errorsOf = (fields: Record<string, unknown>) => {
    const parsed = subscriptionFormSchema.safeParse({ ...form, ...fields });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("refuses each bad input on its own field", () => {
    expect(errorsOf({ frequency: "daily", startDate: "2026-05-10", endDate: "2026-05-01" })).toEqual({
      endDate: "The end date is before the start date",
    });
    expect(errorsOf({ frequency: "daily", timeZone: "Mars/Olympus" })).toEqual({
      timeZone: "Not a known time zone (e.g. Europe/Berlin)",
    });
    expect(errorsOf({ frequency: "hourly", every: "0" })).toEqual({ every: "Every 1 to 23 hours" });
    expect(errorsOf({ frequency: "weekly" })).toEqual({ daysOfWeek: "Pick at least one day" });
    expect(errorsOf({ frequency: "once", onceDate: "2020-01-01" })).toEqual({
      onceDate: "This date and time have passed",
    });
    expect(errorsOf({ frequency: "monthly", monthDay: "32" })).toEqual({ monthDay: "Pick a day of the month" });
  });

  it("accepts each kind of schedule", () => {
    for (const fields of [
      { frequency: "manual" },
      { frequency: "once", onceDate: "2099-01-01" },
      { frequency: "hourly", every: "4" },
      { frequency: "daily", every: "2", startDate: "2026-01-01", endDate: "2026-01-01" },
      { frequency: "weekly", daysOfWeek: ["1", "5"] },
      { frequency: "monthly", monthDay: "last" },
      { frequency: "monthly", monthDay: "5-1" },
    ])
      expect(errorsOf(fields)).toEqual({});
  });
});
