import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { semanticModels, semanticModelValues } from "../../lib/db/schema";
import { startModelRefresh } from "../../lib/runs/start";
import { warehouseOwnerSql } from "../../lib/warehouse/owner";
import { closeTestClients, CONSOLE_USER, createModel, waitForRunEnd } from "./helpers/fixtures";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

const BENCH_VALUES = 100_000;

let worker: WorkerProcess;

beforeAll(async () => {
  await warehouseOwnerSql().unsafe(`
    drop table if exists warehouse.test_colors;
    create table warehouse.test_colors (id integer, name text);
    insert into warehouse.test_colors values (1, 'Red'), (2, 'Green'), (3, 'Blue'), (null, 'No id'), (2, 'Green again');
  `);
  worker = await WorkerProcess.start(workerEnv());
});

afterAll(async () => {
  await worker?.stop();
  await closeTestClients();
});

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
  let modelId: string;

  it("reads the source query into the model's values", async () => {
    modelId = await createModel({
      sourceQuery: "select id, name from test_colors order by name desc",
      idColumn: "id",
      labelColumn: "name",
    });
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
    await warehouseOwnerSql().unsafe(`insert into warehouse.test_colors values (4, 'Yellow')`);
    const run = await refresh(modelId);
    expect(run.status).toBe("succeeded");
    expect(run.result).toEqual({ values: 4, added: 1, removed: 0 });
    const [model] = await db.select().from(semanticModels).where(eq(semanticModels.id, modelId));
    expect(model.valuesCount).toBe(4);
    expect(model.lastRefreshedAt?.getTime()).toBeGreaterThanOrEqual(run.startedAt?.getTime() ?? Infinity);
  });

  it("counts removed and added values together", async () => {
    await warehouseOwnerSql().unsafe(
      `delete from warehouse.test_colors where id in (1, 3); insert into warehouse.test_colors values (5, 'Black')`,
    );
    const run = await refresh(modelId);
    expect(run.result).toEqual({ values: 3, added: 1, removed: 2 });
    expect((await valuesOf(modelId)).map((v) => v.valueId)).toEqual(["2", "4", "5"]);
  });

  it("fails with the database's message and keeps the old values when the source query breaks", async () => {
    const before = await valuesOf(modelId);
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
    expect(model.valuesCount).toBe(before.length);
  });

  it("fails naming the column when the label column is not in the result", async () => {
    await db
      .update(semanticModels)
      .set({ sourceQuery: "select id, name as title from test_colors", labelColumn: "name" })
      .where(eq(semanticModels.id, modelId));
    const run = await refresh(modelId);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe(
      'The label column "name" is not in the source query\'s result (columns: id, title).',
    );
  });

  it("cannot write to the warehouse from a source query", async () => {
    const writer = await createModel({
      sourceQuery:
        "with written as (insert into test_colors values (99, 'Pwned') returning id, name) select * from written",
      idColumn: "id",
      labelColumn: "name",
    });
    const run = await refresh(writer);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    const [{ n }] = await warehouseOwnerSql().unsafe<{ n: number }[]>(
      `select count(*)::int as n from warehouse.test_colors where id = 99`,
    );
    expect(n).toBe(0);
  });

  it(`measures a ${BENCH_VALUES.toLocaleString("en")}-value refresh`, async () => {
    await warehouseOwnerSql().unsafe(`
      drop table if exists warehouse.bench_values;
      create table warehouse.bench_values as select g as id, 'Value ' || g as label from generate_series(1, ${BENCH_VALUES}) as g;
    `);
    const bench = await createModel({
      sourceQuery: "select id, label from bench_values",
      idColumn: "id",
      labelColumn: "label",
      name: "Bench",
    });
    for (const round of ["first", "second"] as const) {
      const started = performance.now();
      const run = await refresh(bench);
      const wall = (performance.now() - started) / 1000;
      expect(run.status).toBe("succeeded");
      expect(run.result).toEqual({ values: BENCH_VALUES, added: round === "first" ? BENCH_VALUES : 0, removed: 0 });
      const runSeconds = ((run.finishedAt?.getTime() ?? 0) - (run.startedAt?.getTime() ?? 0)) / 1000;
      console.log(
        `[measure] ${round} refresh of ${BENCH_VALUES} values: ${runSeconds.toFixed(3)} s run time, ${wall.toFixed(3)} s trigger to finished`,
      );
    }
    const [{ n }] = await warehouseOwnerSql().unsafe<{ n: number }[]>(
      `select count(*)::int as n from public.semantic_model_values where model_id = '${bench}'`,
    );
    expect(n).toBe(BENCH_VALUES);
  });
});
