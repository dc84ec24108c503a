import { and, asc, eq, inArray, notInArray, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { reportInputChoices, reportInputColumns, reports, semanticModels, subscriptions } from "../db/schema";
import { QueryError, checkWarehouseQuery } from "../warehouse/query";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, invalidFields, notFound } from "../domain-error";
import { labelsOf } from "../semantic-models/values";
import type { ReportInput } from "./schemas";

/** Runs the query once (one row) to prove it works and returns the key column; errors name the field. */
export async function checkReportQuery(query: string, keyColumn: string): Promise<void> {
  let columns: string[];
  try {
    columns = await checkWarehouseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) throw invalidFields({ query: [`The query was refused: ${error.message}`] });
    throw error;
  }
  if (!columns.includes(keyColumn)) {
    throw invalidFields({
      keyColumn: [`The query has no column "${keyColumn}" (it returns: ${columns.join(", ")})`],
    });
  }
}

export async function listReports() {
  return db
    .select({
      id: reports.id,
      name: reports.name,
      keyColumn: reports.keyColumn,
      updatedAt: reports.updatedAt,
      // Drizzle leaves column names unqualified in a one-table select, so the subqueries name their tables by alias.
      inputColumns: dsql<number>`(select count(*)::int from ${reportInputColumns} as ric where ric.report_id = ${reports}.id)`,
      subscriptions: dsql<number>`(select count(*)::int from ${subscriptions} as sub where sub.report_id = ${reports}.id)`,
    })
    .from(reports)
    .orderBy(asc(reports.name));
}

export async function getReport(id: string) {
  const [report] = await db.select().from(reports).where(eq(reports.id, id)).limit(1);
  if (!report) return null;
  const inputColumns = await db
    .select({
      id: reportInputColumns.id,
      name: reportInputColumns.name,
      type: reportInputColumns.type,
      semanticModelId: reportInputColumns.semanticModelId,
      modelName: semanticModels.name,
      modelLastRefreshedAt: semanticModels.lastRefreshedAt,
    })
    .from(reportInputColumns)
    .innerJoin(semanticModels, eq(semanticModels.id, reportInputColumns.semanticModelId))
    .where(eq(reportInputColumns.reportId, id))
    .orderBy(asc(reportInputColumns.position));
  return { ...report, inputColumns };
}

export type ReportWithColumns = NonNullable<Awaited<ReturnType<typeof getReport>>>;

/** Creates or edits a report and its data-input columns; its audit row (with the query text) commits with it. */
export async function saveReport(input: ReportInput, actor: Actor): Promise<{ id: string; created: boolean }> {
  await checkReportQuery(input.query, input.keyColumn);
  return db.transaction(async (tx) => {
    const values = { name: input.name, query: input.query, keyColumn: input.keyColumn, updatedAt: new Date() };
    const [saved] = input.id
      ? await tx.update(reports).set(values).where(eq(reports.id, input.id)).returning({ id: reports.id })
      : await tx.insert(reports).values(values).returning({ id: reports.id });
    if (!saved) throw notFound("report");
    const reportId = saved.id;
    // Columns keep their id across edits, so saved choices stay attached to them.
    const keptIds = input.inputColumns.flatMap((c) => (c.id ? [c.id] : []));
    await tx
      .delete(reportInputColumns)
      .where(
        and(
          eq(reportInputColumns.reportId, reportId),
          keptIds.length ? notInArray(reportInputColumns.id, keptIds) : undefined,
        ),
      );
    for (const [position, column] of input.inputColumns.entries()) {
      const fields = { name: column.name, type: column.type, semanticModelId: column.semanticModelId, position };
      if (column.id)
        await tx
          .update(reportInputColumns)
          .set(fields)
          .where(and(eq(reportInputColumns.id, column.id), eq(reportInputColumns.reportId, reportId)));
      else await tx.insert(reportInputColumns).values({ ...fields, reportId });
    }
    await writeAudit(tx, {
      action: input.id ? "report.updated" : "report.created",
      ...actorColumns(actor),
      targetType: "report",
      targetId: reportId,
      details: {
        name: input.name,
        query: input.query,
        keyColumn: input.keyColumn,
        inputColumns: input.inputColumns.map((c) => ({
          name: c.name,
          type: c.type,
          semanticModelId: c.semanticModelId,
        })),
      },
    });
    return { id: reportId, created: !input.id };
  });
}

/** Saved choices of the given columns, keyed by column id then row key. */
export async function choicesFor(columnIds: string[]): Promise<Map<string, Map<string, string[]>>> {
  const byColumn = new Map<string, Map<string, string[]>>();
  if (columnIds.length === 0) return byColumn;
  const rows = await db.select().from(reportInputChoices).where(inArray(reportInputChoices.columnId, columnIds));
  for (const row of rows) {
    if (!byColumn.has(row.columnId)) byColumn.set(row.columnId, new Map());
    byColumn.get(row.columnId)?.set(row.rowKey, row.valueIds);
  }
  return byColumn;
}

type ChoiceInput = { columnId: string; rowKey: string; valueIds: string[] };

/**
 * Writeback of one row's choice in one data-input column, refused when the column is gone or a value is no longer
 * in its model. A single-select column keeps the first value; the audit row commits with the choice.
 */
export async function saveChoice(input: ChoiceInput, actor: Actor & { userId: string }) {
  const check = await unknownChoiceValues(input);
  const gone = new DomainError("not_found", "This data-input column no longer exists; reload the report.");
  if (!check) throw gone;
  if (check.unknown.length)
    throw new DomainError("invalid", "That value is no longer in the model; reload the report.");
  return db.transaction(async (tx) => {
    const [column] = await tx
      .select({ type: reportInputColumns.type })
      .from(reportInputColumns)
      .where(eq(reportInputColumns.id, input.columnId))
      .limit(1);
    if (!column) throw gone;
    const valueIds = column.type === "single" ? input.valueIds.slice(0, 1) : [...new Set(input.valueIds)];
    const row = and(eq(reportInputChoices.columnId, input.columnId), eq(reportInputChoices.rowKey, input.rowKey));
    if (valueIds.length === 0) await tx.delete(reportInputChoices).where(row);
    else
      await tx
        .insert(reportInputChoices)
        .values({ columnId: input.columnId, rowKey: input.rowKey, valueIds, updatedBy: actor.userId })
        .onConflictDoUpdate({
          target: [reportInputChoices.columnId, reportInputChoices.rowKey],
          set: { valueIds, updatedAt: new Date(), updatedBy: actor.userId },
        });
    await writeAudit(tx, {
      action: "report.choice-saved",
      ...actorColumns(actor),
      targetType: "report",
      targetId: check.reportId,
      details: { columnId: input.columnId, rowKey: input.rowKey, valueIds },
    });
    return { valueIds };
  });
}

export async function reportOptions() {
  return db.select({ id: reports.id, name: reports.name }).from(reports).orderBy(asc(reports.name));
}

/**
 * The column a choice is saved to, with the value ids that are neither in its model now nor already saved for that
 * row (a page loaded before a refresh may resend a stored id that has since vanished: that one is kept, not refused).
 * Null when the column does not exist.
 */
async function unknownChoiceValues(input: ChoiceInput) {
  const [column] = await db
    .select({ reportId: reportInputColumns.reportId, semanticModelId: reportInputColumns.semanticModelId })
    .from(reportInputColumns)
    .where(eq(reportInputColumns.id, input.columnId))
    .limit(1);
  if (!column) return null;
  const known = await labelsOf(column.semanticModelId, input.valueIds);
  const [saved] = await db
    .select({ valueIds: reportInputChoices.valueIds })
    .from(reportInputChoices)
    .where(and(eq(reportInputChoices.columnId, input.columnId), eq(reportInputChoices.rowKey, input.rowKey)))
    .limit(1);
  const stored = new Set(saved?.valueIds ?? []);
  return { reportId: column.reportId, unknown: input.valueIds.filter((id) => !known.has(id) && !stored.has(id)) };
}
