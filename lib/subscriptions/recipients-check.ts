import { getReport } from "../reports/repository";
import { invalidFields, notFound } from "../domain-error";
import { checkWarehouseQuery, QueryError, runWarehouseQuery } from "../warehouse/query";
import { EMAIL_COLUMN, FILTER_VALUE_COLUMN, MAX_BURST_RECIPIENTS, tooManyRecipientsMessage } from "./recipient-modes";
import type { StoredRecipients } from "./recipients-schema";

/** The columns a report's query returns (read with `limit 0`, so no row is read). */
export async function reportColumns(reportId: string): Promise<string[]> {
  const report = await getReport(reportId);
  if (!report) throw notFound("report");
  return (await runWarehouseQuery(report.query, { maxRows: 0 })).columns;
}

/**
 * The checks of a per-recipient subscription that need the warehouse, made when it is saved: the filter column is
 * one of the report's, and a recipients query runs, returns `email` (and `filter_value` exactly when a filter
 * column is chosen) and at most MAX_BURST_RECIPIENTS rows today. A run checks the same again.
 */
export async function checkRecipientsSource(input: StoredRecipients & { reportId: string }): Promise<void> {
  if (input.recipientsMode === "list") return;
  if (input.recipientsMode === "query" && input.recipientsQuery) {
    await checkRecipientsQuery(input.recipientsQuery, input.filterColumn);
  }
  if (input.filterColumn) await checkFilterColumn(input.reportId, input.filterColumn);
}

async function checkFilterColumn(reportId: string, column: string): Promise<void> {
  let columns: string[];
  try {
    columns = await reportColumns(reportId);
  } catch (error) {
    if (error instanceof QueryError)
      throw invalidFields({ filterColumn: [`The report's query failed: ${error.message}`] });
    throw error;
  }
  if (!columns.includes(column)) {
    throw invalidFields({ filterColumn: [`The report has no column "${column}" (it returns: ${columns.join(", ")})`] });
  }
}

async function checkRecipientsQuery(query: string, filterColumn: string | null): Promise<void> {
  const refused = (message: string) => invalidFields({ recipientsQuery: [message] });
  let columns: string[];
  let rows: number;
  try {
    columns = await checkWarehouseQuery(query);
    rows = (await runWarehouseQuery(query, { maxRows: MAX_BURST_RECIPIENTS + 1 })).rows.length;
  } catch (error) {
    if (error instanceof QueryError) throw refused(`The query was refused: ${error.message}`);
    throw error;
  }
  if (!columns.includes(EMAIL_COLUMN)) {
    throw refused(`The query must return a column named ${EMAIL_COLUMN} (it returns: ${columns.join(", ")})`);
  }
  if (rows > MAX_BURST_RECIPIENTS) throw refused(tooManyRecipientsMessage("today"));
  const hasValues = columns.includes(FILTER_VALUE_COLUMN);
  if (hasValues && !filterColumn) {
    throw invalidFields({
      filterColumn: [`The query returns ${FILTER_VALUE_COLUMN}: choose the report column it is compared with`],
    });
  }
  if (!hasValues && filterColumn) {
    throw invalidFields({
      filterColumn: [`The query returns no ${FILTER_VALUE_COLUMN} column; leave Filter column empty or add one`],
    });
  }
}
