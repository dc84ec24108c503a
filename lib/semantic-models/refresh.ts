import { eq, sql } from "drizzle-orm";
import { db } from "../db/client";
import { semanticModels, semanticModelValues, type Run } from "../db/schema";
import { log } from "../log";
import { QueryError, runWarehouseQuery } from "../warehouse/query";
import { markSucceeded } from "../runs/lifecycle";
import { PermanentRunError } from "../runs/lifecycle-errors";
import { diffValueIds, parseModelValues, type ModelValue } from "./refresh-values";

// A dropdown's list is read whole into the worker's memory and into every report page; refuse anything larger.
export const MODEL_VALUE_LIMIT = 1_000_000;

export type RefreshResult = { values: number; added: number; removed: number };

/**
 * One attempt of a semantic model refresh: read the source query (read-only, with a statement timeout), then in one
 * transaction replace the model's values, update its counts and mark the run succeeded — readers see the old list
 * or the new one, never a mix, and a failing query leaves the old list as it was.
 */
export async function refreshSemanticModel(run: Run): Promise<RefreshResult> {
  const model = run.semanticModelId ? await modelOf(run.semanticModelId) : null;
  if (!model) throw new PermanentRunError("The semantic model no longer exists.");

  const values = parseModelValues(await readSource(model.sourceQuery), model);
  const started = performance.now();
  const result = await db.transaction(async (tx) => {
    // Two refreshes of one model (one running, one retried) must not interleave their delete and insert.
    await tx
      .select({ id: semanticModels.id })
      .from(semanticModels)
      .where(eq(semanticModels.id, model.id))
      .for("update");
    const before = await tx
      .select({ valueId: semanticModelValues.valueId })
      .from(semanticModelValues)
      .where(eq(semanticModelValues.modelId, model.id));
    await tx.delete(semanticModelValues).where(eq(semanticModelValues.modelId, model.id));
    await tx.execute(insertValues(model.id, values));
    await tx
      .update(semanticModels)
      .set({ lastRefreshedAt: sql`now()`, valuesCount: values.length, updatedAt: sql`now()` })
      .where(eq(semanticModels.id, model.id));
    const diff = diffValueIds(
      before.map((row) => row.valueId),
      values.map((value) => value.valueId),
    );
    const outcome: RefreshResult = { values: values.length, ...diff };
    await markSucceeded(run.id, outcome, tx);
    return outcome;
  });
  log.info(
    { runId: run.id, modelId: model.id, ...result, writeMs: Math.round(performance.now() - started) },
    "semantic model refreshed",
  );
  return result;
}

async function modelOf(id: string) {
  const [model] = await db
    .select({
      id: semanticModels.id,
      sourceQuery: semanticModels.sourceQuery,
      idColumn: semanticModels.idColumn,
      labelColumn: semanticModels.labelColumn,
    })
    .from(semanticModels)
    .where(eq(semanticModels.id, id))
    .limit(1);
  return model ?? null;
}

async function readSource(query: string) {
  try {
    const source = await runWarehouseQuery(query, { maxRows: MODEL_VALUE_LIMIT + 1 });
    if (source.rows.length > MODEL_VALUE_LIMIT) {
      throw new PermanentRunError(`The source query returns more than ${MODEL_VALUE_LIMIT} rows.`);
    }
    return source;
  } catch (error) {
    // The database's own message (syntax error, unknown table, statement timeout): retrying the same SQL won't help.
    if (error instanceof QueryError) throw new PermanentRunError(error.message);
    throw error;
  }
}

// Two array parameters whatever the list's size: one statement, no parameter-count limit, seconds for 100,000 values.
function insertValues(modelId: string, values: ModelValue[]) {
  return sql`
    insert into ${semanticModelValues} (model_id, value_id, label)
    select ${modelId}::uuid, v.value_id, v.label
    from unnest(${sql.param(values.map((value) => value.valueId))}::text[], ${sql.param(values.map((value) => value.label))}::text[]) as v(value_id, label)
  `;
}
