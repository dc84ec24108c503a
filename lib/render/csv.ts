import type { ReportData } from "./types";
import { cellText } from "./values";

// RFC 4180: CRLF between records, a field is quoted when it holds a quote, a comma or a line break.
const RECORD_SEPARATOR = "\r\n";
const NEEDS_QUOTES = /[",\r\n]/;

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCsv(data: ReportData): Buffer {
  const lines = [data.columns.map(field).join(",")];
  for (const row of data.rows) lines.push(data.columns.map((column) => field(cellText(row[column]))).join(","));
  return Buffer.from(lines.join(RECORD_SEPARATOR) + RECORD_SEPARATOR, "utf8");
}
