import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import { db } from "../db/client";
import { semanticModels, semanticModelValues, type SemanticModel } from "../db/schema";
import { QueryError, checkWarehouseQuery } from "../warehouse/query";
import type { SemanticModelInput } from "./schemas";

export class SemanticModelValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("The semantic model is not valid");
  }
}

/** The source query must run and return both named columns. */
export async function checkSourceQuery(
  input: Pick<SemanticModelInput, "sourceQuery" | "labelColumn" | "idColumn">,
): Promise<void> {
  let columns: string[];
  try {
    columns = await checkWarehouseQuery(input.sourceQuery);
  } catch (error) {
    if (error instanceof QueryError)
      throw new SemanticModelValidationError({ sourceQuery: [`The query was refused: ${error.message}`] });
    throw error;
  }
  const errors: Record<string, string[]> = {};
  const returns = `the query returns: ${columns.join(", ")}`;
  if (!columns.includes(input.labelColumn)) errors.labelColumn = [`No column "${input.labelColumn}" (${returns})`];
  if (!columns.includes(input.idColumn)) errors.idColumn = [`No column "${input.idColumn}" (${returns})`];
  if (Object.keys(errors).length) throw new SemanticModelValidationError(errors);
}

export async function listSemanticModels() {
  return db.select().from(semanticModels).orderBy(asc(semanticModels.name));
}

export async function pageSemanticModels(limit: number, after: { createdAt: string; id: string } | null) {
  const at = after ? new Date(after.createdAt) : null;
  return db
    .select()
    .from(semanticModels)
    .where(
      at && after
        ? or(lt(semanticModels.createdAt, at), and(eq(semanticModels.createdAt, at), lt(semanticModels.id, after.id)))
        : undefined,
    )
    .orderBy(desc(semanticModels.createdAt), desc(semanticModels.id))
    .limit(limit + 1);
}

export async function getSemanticModel(id: string): Promise<SemanticModel | null> {
  const [row] = await db.select().from(semanticModels).where(eq(semanticModels.id, id)).limit(1);
  return row ?? null;
}

export async function saveSemanticModel(input: SemanticModelInput): Promise<SemanticModel> {
  await checkSourceQuery(input);
  const { id, ...fields } = input;
  if (id) {
    const [row] = await db
      .update(semanticModels)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(semanticModels.id, id))
      .returning();
    if (!row) throw new SemanticModelValidationError({ name: ["This semantic model no longer exists"] });
    return row;
  }
  const [row] = await db.insert(semanticModels).values(fields).returning();
  return row;
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
