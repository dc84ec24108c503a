"use client";

import { useState, useSyncExternalStore } from "react";
import { FieldError } from "@/app/components/field-error";
import { upcomingRuns, type UpcomingRun } from "@/lib/schedules/plan";
import {
  MAX_EVERY_DAYS,
  MAX_EVERY_HOURS,
  monthDaySchema,
  parseMonthDay,
  SUBSCRIPTION_FREQUENCIES,
  SUBSCRIPTION_FREQUENCY_LABELS,
  type ScheduleFormValues,
  type SubscriptionFrequency,
} from "@/lib/schedules/subscription-schedule";
import { isValidTimeZone } from "@/lib/schedules/schema";

export type { ScheduleFormValues };
export type HolidayCalendarOption = { id: string; name: string; dates: string[] };

// Monday first, as calendars in most of the world show the week; values are cron's (0 = Sunday).
const WEEK = [
  { value: "1", short: "Mon", long: "Monday" },
  { value: "2", short: "Tue", long: "Tuesday" },
  { value: "3", short: "Wed", long: "Wednesday" },
  { value: "4", short: "Thu", long: "Thursday" },
  { value: "5", short: "Fri", long: "Friday" },
  { value: "6", short: "Sat", long: "Saturday" },
  { value: "0", short: "Sun", long: "Sunday" },
];
const ORDINALS = ["First", "Second", "Third", "Fourth", "Last"];
const PREVIEW_COUNT = 5;

const noSubscribe = () => () => {};

export function ScheduleFields({
  initial,
  errors,
  timeZones,
  calendars,
}: {
  initial: ScheduleFormValues;
  errors: Record<string, string[] | undefined>;
  timeZones: string[];
  calendars: HolidayCalendarOption[];
}) {
  const [values, setValues] = useState(initial);
  // The preview reads the clock: only in the browser, so the server's HTML never disagrees with it.
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const frequency = values.frequency as SubscriptionFrequency;
  const repeating = frequency !== "manual" && frequency !== "once";
  const set = (name: keyof ScheduleFormValues) => ({
    id: `subscription-${name}`,
    name,
    value: values[name] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
    "aria-describedby": `subscription-${name}-error`,
  });
  const label = (name: keyof ScheduleFormValues, text: string) => (
    <label htmlFor={`subscription-${name}`} className="text-sm font-medium">
      {text}
    </label>
  );
  const toggleDay = (day: string, on: boolean) =>
    setValues((v) => ({ ...v, daysOfWeek: on ? [...v.daysOfWeek, day] : v.daysOfWeek.filter((d) => d !== day) }));

  return (
    <div className="space-y-4">
      <div>
        {label("frequency", "Schedule")}
        <select className="input" {...set("frequency")}>
          {SUBSCRIPTION_FREQUENCIES.map((f) => (
            <option key={f} value={f}>
              {SUBSCRIPTION_FREQUENCY_LABELS[f]}
            </option>
          ))}
        </select>
        <FieldError id="subscription-frequency-error" messages={errors.frequency} />
      </div>
      {frequency !== "manual" && (
        <div className="grid grid-cols-2 gap-4">
          {frequency === "once" && (
            <div>
              {label("onceDate", "Date")}
              <input type="date" required className="input" {...set("onceDate")} />
              <FieldError id="subscription-onceDate-error" messages={errors.onceDate} />
            </div>
          )}
          {(frequency === "hourly" || frequency === "daily") && (
            <div>
              {label("every", "Every")}
              <div className="flex items-center gap-2">
                {/* No min/max: the form's own message says the allowed range. */}
                <input type="number" required className="input w-24" {...set("every")} />
                <span className="text-sm">
                  {frequency === "hourly" ? `hours (1–${MAX_EVERY_HOURS})` : `days (1–${MAX_EVERY_DAYS})`}
                </span>
              </div>
              <p className="text-xs text-slate-500">
                {frequency === "hourly"
                  ? "At Time and every N hours around it, each day."
                  : "Counted from the start date when there is one."}
              </p>
              <FieldError id="subscription-every-error" messages={errors.every} />
            </div>
          )}
          {frequency === "weekly" && (
            <fieldset className="col-span-2" aria-describedby="subscription-daysOfWeek-error">
              <legend className="text-sm font-medium">Days</legend>
              <div className="mt-1 flex flex-wrap gap-3">
                {WEEK.map((day) => (
                  <label key={day.value} className="flex items-center gap-1 text-sm" title={day.long}>
                    <input
                      type="checkbox"
                      name="daysOfWeek"
                      value={day.value}
                      checked={values.daysOfWeek.includes(day.value)}
                      onChange={(e) => toggleDay(day.value, e.target.checked)}
                    />
                    {day.short}
                  </label>
                ))}
              </div>
              <FieldError id="subscription-daysOfWeek-error" messages={errors.daysOfWeek} />
            </fieldset>
          )}
          {frequency === "monthly" && (
            <div>
              {label("monthDay", "Day of month")}
              <select className="input" {...set("monthDay")}>
                {Array.from({ length: 31 }, (_, i) => String(i + 1)).map((day) => (
                  <option key={day} value={day}>
                    {day}
                  </option>
                ))}
                <option value="last">Last day</option>
                {ORDINALS.map((ordinal, week) =>
                  WEEK.map((day) => (
                    <option key={`${week + 1}-${day.value}`} value={`${week + 1}-${day.value}`}>
                      {ordinal} {day.long}
                    </option>
                  )),
                )}
              </select>
              {/^(29|30|31)$/.test(values.monthDay) && (
                <p className="text-xs text-slate-500">Months without day {values.monthDay} run on their last day.</p>
              )}
              <FieldError id="subscription-monthDay-error" messages={errors.monthDay} />
            </div>
          )}
          <div>
            {label("time", "Time")}
            <input type="time" required className="input" {...set("time")} />
            <FieldError id="subscription-time-error" messages={errors.time} />
          </div>
          <div>
            {label("timeZone", "Time zone")}
            <input list="time-zones" required className="input" {...set("timeZone")} />
            <datalist id="time-zones">
              {timeZones.map((tz) => (
                <option key={tz} value={tz} />
              ))}
            </datalist>
            <FieldError id="subscription-timeZone-error" messages={errors.timeZone} />
          </div>
          {repeating && (
            <>
              <div>
                {label("startDate", "Start date")}
                <input type="date" className="input" {...set("startDate")} />
                <FieldError id="subscription-startDate-error" messages={errors.startDate} />
              </div>
              <div>
                {label("endDate", "End date")}
                <input type="date" className="input" {...set("endDate")} />
                <FieldError id="subscription-endDate-error" messages={errors.endDate} />
              </div>
            </>
          )}
          <div>
            {label("holidayCalendarId", "Skip holidays")}
            <select className="input" {...set("holidayCalendarId")}>
              <option value="">No (run on holidays)</option>
              {calendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id="subscription-holidayCalendarId-error" messages={errors.holidayCalendarId} />
          </div>
        </div>
      )}
      {frequency !== "manual" && inBrowser && <NextRuns values={values} calendars={calendars} />}
    </div>
  );
}

/** SPEC §10 Next runs: the next five times in the chosen zone, by the code the worker decides fires with. */
function NextRuns({ values, calendars }: { values: ScheduleFormValues; calendars: HolidayCalendarOption[] }) {
  const preview = previewOf(values, calendars);
  return (
    <div>
      <h3 id="next-runs" className="text-sm font-medium">
        Next runs
      </h3>
      {typeof preview === "string" ? (
        <p className="text-sm text-slate-500">{preview}</p>
      ) : (
        <ol aria-labelledby="next-runs" className="mt-1 space-y-0.5 text-sm">
          {preview.map((run) => (
            <li key={run.at.getTime()} className={run.skipped ? "text-slate-400" : undefined}>
              {formatInZone(run.at, values.timeZone)}
              {run.skipped && " — skipped (holiday)"}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function previewOf(values: ScheduleFormValues, calendars: HolidayCalendarOption[]): UpcomingRun[] | string {
  if (!isValidTimeZone(values.timeZone)) return "Enter a known time zone to see the next runs.";
  if (!/^\d{2}:\d{2}$/.test(values.time)) return "Enter a time to see the next runs.";
  if (values.frequency === "once" && !values.onceDate) return "Pick a date to see the run.";
  if (values.frequency === "weekly" && values.daysOfWeek.length === 0) return "Pick at least one day.";
  const every = Number(values.every);
  if ((values.frequency === "hourly" || values.frequency === "daily") && !(Number.isInteger(every) && every >= 1))
    return "Enter how often to see the next runs.";
  const calendar = calendars.find((c) => c.id === values.holidayCalendarId);
  try {
    const runs = upcomingRuns(
      {
        frequency: values.frequency as SubscriptionFrequency,
        every: Number.isInteger(every) ? every : 1,
        daysOfWeek: values.daysOfWeek.map(Number),
        ...parseMonthDay(monthDaySchema.safeParse(values.monthDay).success ? values.monthDay : "1"),
        onceDate: values.onceDate || null,
        time: values.time,
        timeZone: values.timeZone,
        startDate: values.startDate || null,
        endDate: values.endDate || null,
      },
      new Date(),
      PREVIEW_COUNT,
      new Set(calendar?.dates ?? []),
    );
    return runs.length ? runs : "No runs: the schedule's dates have passed.";
  } catch {
    return "Complete the schedule to see the next runs.";
  }
}

function formatInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}
