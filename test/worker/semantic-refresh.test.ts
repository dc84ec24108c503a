import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { semanticModels, semanticModelValues } from "../../lib/db/schema";
import { startModelRefresh } from "../../lib/runs/start";
import { warehouseOwnerSql } from "../../lib/warehouse/owner";
import { closeTestClients, CONSOLE_USER, createModel, waitForRunEnd } from "./helpers/fixtures";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// More values than Postgres takes bind parameters in one statement (65,535): the refresh must not depend on that limit.
const MANY_VALUES = 70_000;
const COLORS = "(1, 'Red'), (2, 'Green'), (3, 'Blue'), (null, 'No id'), (2, 'Green again')";

let worker: WorkerProcess;

beforeAll(async () => {
  worker = await WorkerProcess.start(workerEnv());
});

afterAll(async () => {
  await worker?.stop();
  await closeTestClients();
});

/** A warehouse table of this test's own, so no test sees another's rows; returns its name. */
async function colorsTable(rows = COLORS): Promise<string> {
  const table = `test_colors_${randomUUID().replaceAll("-", "")}`;
  await warehouseOwnerSql().unsafe(`
    create table warehouse.${table} (id integer, name text);
    insert into warehouse.${table} values ${rows};
  `);
  return table;
}

async function colorsModel(table: string): Promise<string> {
  return createModel({
    sourceQuery: `select id, name from ${table} order by name desc`,
    idColumn: "id",
    labelColumn: "name",
  });
}

async function valuesOf(modelId: string) {
  return db
    .select({ valueId: semanticModelValues.valueId, label: semanticModelValues.label })
    .from(semanticModelValues)
    .where(eq(semanticModelValues.modelId, modelId))
    .orderBy(asc(semanticModelValues.valueId));
}

async function refresh(modelId: string) {
  const { run } = await startModelRefresh(modelId, { trigger: "console", userId: CONSOLE_USER });
  return waitForRunEnd(run.id);
}

describe("semantic model refresh", () => {
  it("reads the source query into the model's values", async () => {
    const modelId = await colorsModel(await colorsTable());
    const run = await refresh(modelId);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(1);
    expect(run.result).toEqual({ values: 3, added: 3, removed: 0 });
    // "Green again" comes first in the query's order (by name, descending), so it wins over "Green" for id 2.
    expect(await valuesOf(modelId)).toEqual([
      { valueId: "1", label: "Red" },
      { valueId: "2", label: "Green again" },
      { valueId: "3", label: "Blue" },
    ]);
  });

  it("counts a value added in the warehouse", async () => {
    const table = await colorsTable();
    const modelId = await colorsModel(table);
    expect((await refresh(modelId)).result).toEqual({ values: 3, added: 3, removed: 0 });
    await warehouseOwnerSql().unsafe(`insert into warehouse.${table} values (4, 'Yellow')`);
    const run = await refresh(modelId);
    expect(run.status).toBe("succeeded");
    expect(run.result).toEqual({ values: 4, added: 1, removed: 0 });
    const [model] = await db.select().from(semanticModels).where(eq(semanticModels.id, modelId));
    expect(model?.valuesCount).toBe(4);
    expect(model?.lastRefreshedAt?.getTime()).toBeGreaterThanOrEqual(run.startedAt?.getTime() ?? Infinity);
  });

  it("counts removed and added values together", async () => {
    const table = await colorsTable(`${COLORS}, (4, 'Yellow')`);
    const modelId = await colorsModel(table);
    expect((await refresh(modelId)).result).toEqual({ values: 4, added: 4, removed: 0 });
    await warehouseOwnerSql().unsafe(
      `delete from warehouse.${table} where id in (1, 3); insert into warehouse.${table} values (5, 'Black')`,
    );
    const run = await refresh(modelId);
    expect(run.result).toEqual({ values: 3, added: 1, removed: 2 });
    expect((await valuesOf(modelId)).map((v) => v.valueId)).toEqual(["2", "4", "5"]);
  });

  it("fails with the database's message and keeps the old values when the source query breaks", async () => {
    const modelId = await colorsModel(await colorsTable());
    expect((await refresh(modelId)).status).toBe("succeeded");
    const before = await valuesOf(modelId);
    expect(before).toHaveLength(3);
    await db
      .update(semanticModels)
      .set({ sourceQuery: "select id, name from no_such_colors" })
      .where(eq(semanticModels.id, modelId));
    const run = await refresh(modelId);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.error?.message).toBe('relation "no_such_colors" does not exist');
    expect(run.result).toBeNull();
    expect(await valuesOf(modelId)).toEqual(before);
    const [model] = await db.select().from(semanticModels).where(eq(semanticModels.id, modelId));
    expect(model?.valuesCount).toBe(before.length);
  });

  it("fails naming the column when the label column is not in the result", async () => {
    const table = await colorsTable();
    const modelId = await createModel({
      sourceQuery: `select id, name as title from ${table}`,
      idColumn: "id",
      labelColumn: "name",
    });
    const run = await refresh(modelId);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe(
      'The label column "name" is not in the source query\'s result (columns: id, title).',
    );
  });

  it("cannot write to the warehouse from a source query", async () => {
    const table = await colorsTable();
    const writer = await createModel({
      sourceQuery: `with written as (insert into ${table} values (99, 'Pwned') returning id, name) select * from written`,
      idColumn: "id",
      labelColumn: "name",
    });
    const run = await refresh(writer);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    const [written] = await warehouseOwnerSql().unsafe<{ n: number }[]>(
      `select count(*)::int as n from warehouse.${table} where id = 99`,
    );
    expect(written?.n).toBe(0);
  });

  // The time a large refresh takes is measured by the benchmark (npm run bench), not here.
  it(`refreshes ${MANY_VALUES.toLocaleString("en")} values, then finds nothing changed`, async () => {
    const table = `test_many_values_${randomUUID().replaceAll("-", "")}`;
    await warehouseOwnerSql().unsafe(
      `create table warehouse.${table} as select g as id, 'Value ' || g as label from generate_series(1, ${MANY_VALUES}) as g`,
    );
    const modelId = await createModel({
      sourceQuery: `select id, label from ${table}`,
      idColumn: "id",
      labelColumn: "label",
    });
    const first = await refresh(modelId);
    expect(first.status).toBe("succeeded");
    expect(first.result).toEqual({ values: MANY_VALUES, added: MANY_VALUES, removed: 0 });
    const second = await refresh(modelId);
    expect(second.status).toBe("succeeded");
    expect(second.result).toEqual({ values: MANY_VALUES, added: 0, removed: 0 });
    const [stored] = await warehouseOwnerSql().unsafe<{ n: number }[]>(
      `select count(*)::int as n from public.semantic_model_values where model_id = '${modelId}'`,
    );
    expect(stored?.n).toBe(MANY_VALUES);
  });
});
