import type { Subscription } from "../db/schema";

export type ReportFormat = Subscription["format"];

/** What a report renders: produced by reportRenderData, stamped with the time of the run. */
export type ReportData = {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
  generatedAt: Date;
};

export type RenderedReport = { content: Buffer; filename: string; contentType: string };
