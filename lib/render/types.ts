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

/** What every writer knows before the first row: the rows come afterwards, in batches. */
export type ReportHead = { title: string; columns: string[]; generatedAt: Date };

/**
 * A report being written to a file batch by batch: memory holds one batch (and the writer's own small buffers),
 * whatever the report's size. `write` resolves once the batch is handed to the file (backpressure respected).
 */
export type ReportWriter = {
  write(rows: Record<string, unknown>[]): Promise<void>;
  /** Ends the file; resolves once it is complete on disk. */
  finish(): Promise<void>;
  /** Stops writing after a failure; the caller removes the file. */
  abort(): void;
};
