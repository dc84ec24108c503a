/** The variables a subscription's Subject and Message may use, as the form lists them. */
export const TEMPLATE_VARIABLES = [
  { name: "report", description: "the report's name" },
  { name: "date", description: "the run's date in the schedule's time zone" },
  { name: "rows", description: "the number of rows in the report" },
] as const;

export type TemplateValues = Record<(typeof TEMPLATE_VARIABLES)[number]["name"], string>;

// `{{ name }}` with optional spaces; anything else between braces is left as typed.
const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * Replaces the known `{{variables}}` with their values in one pass: plain string substitution, so no template code
 * runs, a value is never substituted again (a report named "{{rows}}" stays that), and an unknown variable stays
 * visible for its author to notice.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as keyof TemplateValues] : whole,
  );
}

/**
 * A subject line: any line break (from the template or a substituted value) becomes a space, so a value can never
 * start a header of its own.
 */
export function fillSubject(template: string, values: TemplateValues): string {
  return fillTemplate(template, values)
    .replace(/[\r\n\u2028\u2029\u0085]+/g, " ")
    .trim();
}

/** The run's date, YYYY-MM-DD, in the schedule's zone (UTC when the zone is unknown). */
export function runDate(at: Date, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format("UTC");
  }
}

export function templateValues(report: string, at: Date, timeZone: string, rows: number): TemplateValues {
  return { report, date: runDate(at, timeZone), rows: rows.toLocaleString("en-US") };
}
