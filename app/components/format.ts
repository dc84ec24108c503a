/** Dates in the console are shown in UTC, ISO-like, so every viewer reads the same thing. */
export function formatDateTime(value: Date | null | undefined): string {
  if (!value) return "—";
  return value.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function formatDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}
