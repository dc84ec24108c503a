import { z } from "zod";
import { hasPlausibleYear, PLAUSIBLE_YEAR_MESSAGE } from "../forms/zod-helpers";

/** What the audit page can filter on; every field optional, the time range in UTC. */
export type AuditFilter = { actor?: string; action?: string; token?: string; from?: Date; to?: Date };

const MINUTE_MS = 60_000;
// An actor label is an e-mail, a token name or a system label; a token is named by its name or id.
const MAX_FILTER_TEXT = 320;

const text = z
  .string()
  .trim()
  .max(MAX_FILTER_TEXT, `At most ${MAX_FILTER_TEXT} characters`)
  .transform((v) => (v === "" ? undefined : v));

// `<input type="datetime-local">` sends YYYY-MM-DDTHH:MM (seconds optional), read here as UTC.
const minute = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(
    z.iso
      .datetime({ local: true, error: "Enter a date and time as YYYY-MM-DDTHH:MM (UTC)" })
      .refine(hasPlausibleYear, PLAUSIBLE_YEAR_MESSAGE)
      .transform((v) => new Date(`${v}Z`))
      .optional(),
  );

/** The audit page's filter fields from its search parameters. */
export const auditFilterSchema = z
  .object({
    actor: text.optional(),
    action: text
      .pipe(
        z
          .string()
          .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, "An action looks like token.created or sign-in.failed")
          .optional(),
      )
      .optional(),
    token: text.optional(),
    from: minute.optional(),
    to: minute.optional(),
  })
  .transform((f): AuditFilter => ({
    ...f,
    // "To" names a minute: every event within that minute is included.
    to: f.to ? new Date(f.to.getTime() + MINUTE_MS) : undefined,
  }))
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "From must be before To", path: ["to"] });
