import { afterAll, describe, expect, it } from "vitest";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// The test database's own superuser URL, as an operator might paste it into WAREHOUSE_URL.
const SUPERUSER_URL = process.env.DATABASE_URL ?? "";
process.env.WAREHOUSE_URL = SUPERUSER_URL;
delete (globalThis as { sluiceWarehouse?: unknown }).sluiceWarehouse;
const { warehouseSql } = await import("../../lib/warehouse/client");
const { runWarehouseQuery } = await import("../../lib/warehouse/query");
const { checkHealth } = await import("../../lib/health/check");
const { sql } = await import("../../lib/db/client");

afterAll(async () => {
  await Promise.all([warehouseSql.end(), sql.end()]);
  const { sharedRedis } = await import("../../lib/redis");
  sharedRedis().disconnect();
});

describe("a superuser WAREHOUSE_URL", () => {
  it("is a superuser (so the cases below prove something)", async () => {
    const [row] = await warehouseSql<
      { superuser: boolean }[]
    >`select rolsuper as superuser from pg_roles where rolname = current_user`;
    expect(row.superuser).toBe(true);
  });

  it("keeps the worker from starting, with a message that says why", async () => {
    const worker = WorkerProcess.spawn(workerEnv({ WAREHOUSE_URL: SUPERUSER_URL }));
    expect((await worker.exited).code).toBe(1);
    expect(worker.output).toMatch(/WAREHOUSE_URL logs in as a superuser/);
  });

  it("refuses report queries and makes /api/health say unsafe", async () => {
    await expect(runWarehouseQuery("select 1 as id")).rejects.toThrow(/superuser/);
    expect(await checkHealth()).toMatchObject({ status: "unavailable", warehouse: "unsafe" });
  });
});
