import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../db/client";
import { reports } from "../db/schema";
import { PermanentRunError } from "../runs/lifecycle-errors";
import { QueryError, runReadOnlyQuery } from "./execute";

// An e-mailed report is read by people and held in the worker's memory whole; past this, fail loudly, never truncate.
export const REPORT_ROW_LIMIT = 100_000;

export type RenderData = { title: string; columns: string[]; rows: Record<string, unknown>[] };

// Rows come from admin-written SQL: check their shape where they enter.
const queryResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
});

/**
 * The one place that turns a report into what gets rendered: its name, its columns and its rows. (Data-input
 * columns join here, so every format and every consumer shows the same thing.)
 */
export async function reportRenderData(reportId: string): Promise<RenderData> {
  const [report] = await db.select({ name: reports.name, query: reports.query }).from(reports).where(eq(reports.id, reportId)).limit(1);
  if (!report) throw new PermanentRunError("The report no longer exists.");
  const result = queryResultSchema.parse(await readRows(report.query));
  if (result.rows.length > REPORT_ROW_LIMIT) {
    throw new PermanentRunError(`The report returns more than ${REPORT_ROW_LIMIT} rows; narrow its query to send it by e-mail.`);
  }
  return { title: report.name, columns: result.columns, rows: result.rows };
}

async function readRows(query: string): Promise<unknown> {
  try {
    return await runReadOnlyQuery(query, { maxRows: REPORT_ROW_LIMIT + 1 });
  } catch (error) {
    // The database's own message (syntax error, unknown table, statement timeout): the same SQL fails again.
    if (error instanceof QueryError) throw new PermanentRunError(error.message);
    throw error;
  }
}
