import { z } from "zod";
import { MAX_NAME_LENGTH } from "../forms/zod-helpers";

// A calendar covers a few years of public holidays; more is a mistake.
export const MAX_HOLIDAY_DATES = 1_000;

/** "2026-12-25" lines (blank lines and commas allowed) → sorted, distinct dates; a bad line is named in the error. */
const datesSchema = z.string().transform((text, ctx) => {
  const lines = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
  const bad = lines.filter((line) => !z.iso.date().safeParse(line).success);
  if (bad.length) {
    ctx.addIssue({ code: "custom", message: `Not dates (YYYY-MM-DD): ${bad.slice(0, 5).join(", ")}` });
    return z.NEVER;
  }
  if (lines.length > MAX_HOLIDAY_DATES) {
    ctx.addIssue({ code: "custom", message: `At most ${MAX_HOLIDAY_DATES.toLocaleString("en-US")} dates` });
    return z.NEVER;
  }
  return [...new Set(lines)].sort();
});

export const holidayCalendarFormSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Required").max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`),
  dates: datesSchema,
});
export type HolidayCalendarInput = z.infer<typeof holidayCalendarFormSchema>;

export const holidayCalendarIdSchema = z.object({ id: z.uuid() });
