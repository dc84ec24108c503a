import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { ReportHead, ReportWriter } from "./types";
import { cellText } from "./values";

// RFC 4180: CRLF between records, a field is quoted when it holds a quote, a comma or a line break.
const RECORD_SEPARATOR = "\r\n";
const NEEDS_QUOTES = /[",\r\n]/;
// A spreadsheet opening the file runs a cell that starts with one of these as a formula (CSV injection, OWASP);
// such text gets a leading apostrophe, which spreadsheets show as text.
const FORMULA_START = /^[=+\-@\t\r]/;
// A number written as text (Postgres numeric comes as a string) stays a number: "-5.00" is not a formula.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell's CSV text: formula-like text is defused, numbers and booleans are written as they are. */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return text;
  if (FORMULA_START.test(text) && !NUMBER.test(text)) return field(`'${text}`);
  return field(text);
}

export function csvRecord(values: unknown[]): string {
  return values.map(csvCell).join(",") + RECORD_SEPARATOR;
}

async function writeChunk(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

export function openCsvWriter(path: string, head: ReportHead): ReportWriter {
  const out = createWriteStream(path);
  const failed = once(out, "error").then(([error]: unknown[]) => Promise.reject(error));
  failed.catch(() => {});
  const header = head.columns.map(field).join(",") + RECORD_SEPARATOR;
  let started = false;
  return {
    async write(rows) {
      let chunk = started ? "" : header;
      started = true;
      for (const row of rows) chunk += csvRecord(head.columns.map((column) => row[column]));
      await Promise.race([writeChunk(out, chunk), failed]);
    },
    async finish() {
      if (!started) await writeChunk(out, header);
      out.end();
      await Promise.race([once(out, "finish"), failed]);
    },
    abort: () => out.destroy(),
  };
}
