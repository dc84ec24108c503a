import { QueryError, runWarehouseQuery } from "../warehouse/query";
import { choicesFor, getReport, type ReportWithColumns } from "./repository";
import { labelsOf, valuesOfModels, type ModelValue } from "../semantic-models/values";

export type InputCell = { valueIds: string[]; labels: string[]; missing: string[] };

/** A report as the console shows it: its query's rows with each row's saved choices, and the models' values. */
export type ReportView = {
  report: ReportWithColumns;
  columns: string[];
  rows: { key: string; values: Record<string, unknown>; inputs: Record<string, InputCell> }[];
  options: Map<string, ModelValue[]>;
  error: string | null;
};

/**
 * A report's rows with, per data-input column, the saved choice of each row resolved to labels. Choices whose
 * value ID is no longer in the model are listed as `missing` rather than dropped.
 */
export async function loadReportView(reportId: string, maxRows?: number): Promise<ReportView | null> {
  const report = await getReport(reportId);
  if (!report) return null;
  const options = await valuesOfModels(report.inputColumns.map((c) => c.semanticModelId));
  let result: { columns: string[]; rows: Record<string, unknown>[] };
  try {
    result = await runWarehouseQuery(report.query, { maxRows });
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return { report, columns: [], rows: [], options, error: error.message };
  }
  const choices = await choicesFor(report.inputColumns.map((c) => c.id));
  const labelsByColumn = new Map<string, Map<string, string>>();
  for (const column of report.inputColumns) {
    const chosen = [...(choices.get(column.id)?.values() ?? [])].flat();
    labelsByColumn.set(column.id, await labelsOf(column.semanticModelId, chosen));
  }
  const rows = result.rows.map((values) => {
    const key = String(values[report.keyColumn] ?? "");
    const inputs: Record<string, InputCell> = {};
    for (const column of report.inputColumns) {
      const valueIds = choices.get(column.id)?.get(key) ?? [];
      const labels = labelsByColumn.get(column.id) ?? new Map<string, string>();
      inputs[column.id] = {
        valueIds,
        labels: valueIds.flatMap((id) => (labels.has(id) ? [labels.get(id) as string] : [])),
        missing: valueIds.filter((id) => !labels.has(id)),
      };
    }
    return { key, values, inputs };
  });
  return { report, columns: result.columns, rows, options, error: null };
}
