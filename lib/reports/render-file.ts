import { randomUUID } from "node:crypto";
import { stat, rm } from "node:fs/promises";
import { join } from "node:path";
import { CONTENT_TYPES, openReportWriter, reportFilename, ROW_LIMITS, rowLimitMessage } from "../render";
import type { ReportFormat, ReportWriter } from "../render";
import { PermanentRunError } from "../runs/lifecycle-errors";
import { labelsOf } from "../semantic-models/values";
import { QueryError, streamWarehouseQuery, type RowFilter } from "../warehouse/query";
import { choicesFor, getReport } from "./repository";
import { RowSummary, type RowPreview } from "./row-summary";

// Rows read from the cursor at a time: large enough that the round trips do not dominate, small enough that one
// batch of wide rows stays a few megabytes.
export const RENDER_BATCH_ROWS = 2_000;
// A run streams a whole report, for much longer than a console page may take.
export const RENDER_STATEMENT_TIMEOUT_MS = 15 * 60_000;

export type RenderedFile = {
  path: string;
  filename: string;
  contentType: string;
  bytes: number;
  rows: number;
  /** The report's name, for the e-mail. */
  title: string;
  /** Digest of every rendered cell, and the first rows as text. */
  digest: string;
  preview: RowPreview;
};

/**
 * Renders a report once, straight from the warehouse cursor into a file in `dir`: its query's columns, then one
 * column per data-input column holding the chosen labels, so every format shows what the console shows. Fails
 * (permanently: the same SQL fails again) on a query error or past the format's row limit. With a `filter`, only
 * the rows whose column equals the value are read (the database filters; the row limit counts those).
 */
export async function renderReportFile(
  reportId: string,
  format: ReportFormat,
  dir: string,
  onRows: (rows: number) => void = () => {},
  filter?: RowFilter,
): Promise<RenderedFile> {
  const report = await getReport(reportId);
  if (!report) throw new PermanentRunError("The report no longer exists.");
  const inputs = await inputLabels(report.inputColumns);
  const generatedAt = new Date();
  // The web app renders too (Send test email): the path is a temporary file, nothing for the build to trace.
  const path = join(/*turbopackIgnore: true*/ dir, `${randomUUID()}.${format}`);
  const limit = ROW_LIMITS[format];
  let writer: ReportWriter | undefined;
  const open = (columns: string[]) =>
    openReportWriter(format, path, {
      title: report.name,
      columns: [...columns, ...report.inputColumns.map((c) => c.name)],
      generatedAt,
    });
  let rows = 0;
  const summary = new RowSummary();
  const allColumns = (columns: string[]) => [...columns, ...report.inputColumns.map((c) => c.name)];
  let rendered: ReturnType<RowSummary["finish"]>;
  try {
    const { columns } = await streamWarehouseQuery(
      report.query,
      { batchSize: RENDER_BATCH_ROWS, maxRows: limit + 1, timeoutMs: RENDER_STATEMENT_TIMEOUT_MS, filter },
      async (batch, columns) => {
        rows += batch.length;
        if (rows > limit) throw new PermanentRunError(rowLimitMessage(format));
        writer ??= open(columns);
        const withLabels =
          inputs.length === 0
            ? batch
            : batch.map((row) => {
                const key = String(row[report.keyColumn] ?? "");
                const withInputs = { ...row };
                for (const input of inputs) withInputs[input.name] = input.labelsFor(key);
                return withInputs;
              });
        summary.add(allColumns(columns), withLabels);
        await writer.write(withLabels);
        onRows(rows);
      },
    );
    writer ??= open(columns);
    await writer.finish();
    rendered = summary.finish(allColumns(columns));
  } catch (error) {
    writer?.abort();
    await rm(path, { force: true });
    if (error instanceof QueryError) throw new PermanentRunError(error.message);
    throw error;
  }
  return {
    path,
    filename: reportFilename(report.name, generatedAt, format),
    contentType: CONTENT_TYPES[format],
    bytes: (await stat(/*turbopackIgnore: true*/ path)).size,
    rows,
    title: report.name,
    ...rendered,
  };
}

type InputColumn = { id: string; name: string; semanticModelId: string };

/** Per data-input column, the labels chosen for a row key (choices are few: one per row someone edited). */
async function inputLabels(columns: InputColumn[]) {
  const choices = await choicesFor(columns.map((c) => c.id));
  return Promise.all(
    columns.map(async (column) => {
      const byKey = choices.get(column.id) ?? new Map<string, string[]>();
      const labels = await labelsOf(column.semanticModelId, [...byKey.values()].flat());
      return {
        name: column.name,
        labelsFor: (key: string) => (byKey.get(key) ?? []).flatMap((id) => labels.get(id) ?? []),
      };
    }),
  );
}
