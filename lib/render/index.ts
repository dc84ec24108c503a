import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCsvWriter } from "./csv";
import { openPdfWriter } from "./pdf";
import { openXlsxWriter } from "./xlsx";
import type { RenderedReport, ReportData, ReportFormat, ReportHead, ReportWriter } from "./types";

export type { RenderedReport, ReportData, ReportFormat, ReportHead, ReportWriter } from "./types";

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/**
 * SPEC §7: rows per run. Excel's is a sheet's limit (1,048,576 rows, one of them the header); a PDF past 100,000
 * rows (some 2,500 pages) is not read by anyone; a CSV of 5,000,000 rows is already larger than most mail servers
 * and spreadsheet tools accept.
 */
export const ROW_LIMITS: Record<ReportFormat, number> = { csv: 5_000_000, xlsx: 1_048_575, pdf: 100_000 };

const FORMAT_NAMES: Record<ReportFormat, string> = { csv: "CSV", xlsx: "Excel", pdf: "PDF" };

export function rowLimitMessage(format: ReportFormat): string {
  const limit = ROW_LIMITS[format].toLocaleString("en-US");
  return `The report returns more than ${limit} rows, the limit for ${FORMAT_NAMES[format]}; narrow its query or choose another format.`;
}

// Keeps attachment names short and portable across mail clients and file systems.
const FILENAME_STEM_MAX = 60;

/** A writer for the format, writing to `path`. */
export function openReportWriter(format: ReportFormat, path: string, head: ReportHead): ReportWriter {
  if (format === "pdf") return openPdfWriter(path, head);
  if (format === "xlsx") return openXlsxWriter(path, head);
  return openCsvWriter(path, head);
}

/** A report already in memory (small ones: tests, previews), through the same writers as a streamed run. */
export async function renderReport(format: ReportFormat, data: ReportData): Promise<RenderedReport> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-render-"));
  try {
    const path = join(dir, `report.${format}`);
    const writer = openReportWriter(format, path, data);
    await writer.write(data.rows);
    await writer.finish();
    return {
      content: await readFile(path),
      filename: reportFilename(data.title, data.generatedAt, format),
      contentType: CONTENT_TYPES[format],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** "Sales by region" on 2026-11-29 → "sales-by-region-2026-11-29.pdf". */
export function reportFilename(title: string, generatedAt: Date, format: ReportFormat): string {
  const stem =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, FILENAME_STEM_MAX)
      .replace(/-+$/, "") || "report";
  return `${stem}-${generatedAt.toISOString().slice(0, 10)}.${format}`;
}
