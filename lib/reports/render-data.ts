import { PermanentRunError } from "../runs/lifecycle-errors";
import type { ReportData } from "../render/types";
import { loadReportView } from "./view";

// An e-mailed report is read by people and held in the worker's memory whole; past this, fail loudly, never truncate.
export const REPORT_ROW_LIMIT = 100_000;

/**
 * The one place that turns a report into what gets rendered: its query's columns, then one column per data-input
 * column holding the chosen labels, so every format shows what the console shows.
 */
export async function reportRenderData(reportId: string): Promise<Omit<ReportData, "generatedAt">> {
  const data = await loadReportView(reportId, REPORT_ROW_LIMIT + 1);
  if (!data) throw new PermanentRunError("The report no longer exists.");
  // The database's own message (syntax error, unknown table, statement timeout): the same SQL fails again.
  if (data.error) throw new PermanentRunError(data.error);
  if (data.rows.length > REPORT_ROW_LIMIT) {
    throw new PermanentRunError(
      `The report returns more than ${REPORT_ROW_LIMIT} rows; narrow its query to send it by e-mail.`,
    );
  }
  const inputColumns = data.report.inputColumns;
  return {
    title: data.report.name,
    columns: [...data.columns, ...inputColumns.map((c) => c.name)],
    rows: data.rows.map((row) => ({
      ...row.values,
      ...Object.fromEntries(inputColumns.map((c) => [c.name, row.inputs[c.id]?.labels ?? []])),
    })),
  };
}
