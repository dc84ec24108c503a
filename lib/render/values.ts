/** How one warehouse value reads in a rendered report: the same text in every format. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  // Multi-select data-input columns arrive as arrays of labels.
  if (Array.isArray(value))
    return value
      .map(cellText)
      .filter((text) => text !== "")
      .join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  // json / jsonb columns.
  return JSON.stringify(value);
}

/** Spreadsheet cells keep real numbers and booleans so sums and filters work; everything else is text. */
export function cellValue(value: unknown): string | number | boolean {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "boolean") return value;
  return cellText(value);
}
