import { renderCsv } from "./csv";
import { renderPdf } from "./pdf";
import { renderXlsx } from "./xlsx";
import type { RenderedReport, ReportData, ReportFormat } from "./types";

export type { RenderedReport, ReportData, ReportFormat } from "./types";

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

// Keeps attachment names short and portable across mail clients and file systems.
const FILENAME_STEM_MAX = 60;

/** Renders a report once, in the subscription's format, ready to attach to every recipient's e-mail. */
export async function renderReport(format: ReportFormat, data: ReportData): Promise<RenderedReport> {
  const content =
    format === "pdf" ? await renderPdf(data) : format === "xlsx" ? await renderXlsx(data) : renderCsv(data);
  return {
    content,
    filename: reportFilename(data.title, data.generatedAt, format),
    contentType: CONTENT_TYPES[format],
  };
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
