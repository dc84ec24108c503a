import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { newestFirst, olderThan, type KeysetCursor } from "../db/keyset";
import { semanticModels, semanticModelValues, type SemanticModel } from "../db/schema";
import { QueryError, checkWarehouseQuery } from "../warehouse/query";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { invalidFields, notFound } from "../domain-error";
import { upsertModelSchedule } from "../schedules/sync";
import type { SemanticModelInput } from "./schemas";

/** The source query must run and return both named columns. */
export async function checkSourceQuery(
  input: Pick<SemanticModelInput, "sourceQuery" | "labelColumn" | "idColumn">,
): Promise<void> {
  let columns: string[];
  try {
    columns = await checkWarehouseQuery(input.sourceQuery);
  } catch (error) {
    if (error instanceof QueryError) throw invalidFields({ sourceQuery: [`The query was refused: ${error.message}`] });
    throw error;
  }
  const errors: Record<string, string[]> = {};
  const returns = `the query returns: ${columns.join(", ")}`;
  if (!columns.includes(input.labelColumn)) errors.labelColumn = [`No column "${input.labelColumn}" (${returns})`];
  if (!columns.includes(input.idColumn)) errors.idColumn = [`No column "${input.idColumn}" (${returns})`];
  if (Object.keys(errors).length) throw invalidFields(errors);
}

export async function listSemanticModels() {
  return db.select().from(semanticModels).orderBy(asc(semanticModels.name));
}

/** Keyset page for the API, limited to `only` when given (a token's scope). Returns limit + 1 rows. */
export async function pageSemanticModels(limit: number, after: KeysetCursor | null, only: string[] | null = null) {
  return db
    .select()
    .from(semanticModels)
    .where(and(olderThan(semanticModels, after), only ? inArray(semanticModels.id, only) : undefined))
    .orderBy(...newestFirst(semanticModels))
    .limit(limit + 1);
}

export async function getSemanticModel(id: string): Promise<SemanticModel | null> {
  const [row] = await db.select().from(semanticModels).where(eq(semanticModels.id, id)).limit(1);
  return row ?? null;
}

/**
 * Creates or edits a model; its audit row (with the source query) commits with it, then its refresh schedule
 * follows (best effort: the worker's reconciler repairs a schedule Redis missed).
 */
export async function saveSemanticModel(input: SemanticModelInput, actor: Actor): Promise<SemanticModel> {
  await checkSourceQuery(input);
  const { id, ...fields } = input;
  const model = await db.transaction(async (tx) => {
    const [row] = id
      ? await tx
          .update(semanticModels)
          .set({ ...fields, updatedAt: new Date() })
          .where(eq(semanticModels.id, id))
          .returning()
      : await tx.insert(semanticModels).values(fields).returning();
    if (!row) throw notFound("semantic model");
    await writeAudit(tx, {
      action: id ? "semantic-model.updated" : "semantic-model.created",
      ...actorColumns(actor),
      targetType: "semantic-model",
      targetId: row.id,
      details: {
        name: row.name,
        sourceQuery: row.sourceQuery,
        labelColumn: row.labelColumn,
        idColumn: row.idColumn,
        refresh:
          row.refreshFrequency === "manual"
            ? "manual"
            : `${row.refreshFrequency} ${row.refreshTime} ${row.refreshTimeZone}`,
      },
    });
    return row;
  });
  await upsertModelSchedule(model);
  return model;
}

export const PREVIEW_SIZE = 50;

export async function previewValues(modelId: string) {
  return db
    .select({ valueId: semanticModelValues.valueId, label: semanticModelValues.label })
    .from(semanticModelValues)
    .where(eq(semanticModelValues.modelId, modelId))
    .orderBy(asc(semanticModelValues.label))
    .limit(PREVIEW_SIZE);
}

export async function modelOptions() {
  return db
    .select({ id: semanticModels.id, name: semanticModels.name })
    .from(semanticModels)
    .orderBy(asc(semanticModels.name));
}
