import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { semanticModelValues } from "../db/schema";

// A dropdown beyond this many options is unusable; larger models show the first ones by label.
export const MAX_DROPDOWN_OPTIONS = 1_000;

export type ModelValue = { valueId: string; label: string };

/** Current values of each model, sorted by label, at most MAX_DROPDOWN_OPTIONS per model. */
export async function valuesOfModels(modelIds: string[]): Promise<Map<string, ModelValue[]>> {
  const byModel = new Map<string, ModelValue[]>();
  for (const modelId of new Set(modelIds)) {
    const values = await db
      .select({ valueId: semanticModelValues.valueId, label: semanticModelValues.label })
      .from(semanticModelValues)
      .where(eq(semanticModelValues.modelId, modelId))
      .orderBy(asc(semanticModelValues.label), asc(semanticModelValues.valueId))
      .limit(MAX_DROPDOWN_OPTIONS);
    byModel.set(modelId, values);
  }
  return byModel;
}

/** Labels for specific value ids, whatever their position in the list (used to render saved choices). */
export async function labelsOf(modelId: string, valueIds: string[]): Promise<Map<string, string>> {
  if (valueIds.length === 0) return new Map();
  const rows = await db
    .select({ valueId: semanticModelValues.valueId, label: semanticModelValues.label })
    .from(semanticModelValues)
    .where(and(eq(semanticModelValues.modelId, modelId), inArray(semanticModelValues.valueId, [...new Set(valueIds)])));
  return new Map(rows.map((r) => [r.valueId, r.label]));
}
