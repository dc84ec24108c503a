import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "../../../lib/db/client";
import { deliveries, reports, runs, semanticModels, subscriptions, type Run } from "../../../lib/db/schema";
import { waitFor } from "./wait";

export const CONSOLE_USER = randomUUID();

export async function createReport(query: string, name = "Sales by region"): Promise<string> {
  const [report] = await db.insert(reports).values({ name, query, keyColumn: "id" }).returning({ id: reports.id });
  return report.id;
}

export async function createSubscription(values: {
  reportId: string;
  format: "pdf" | "xlsx" | "csv";
  recipients: string[];
  name?: string;
}): Promise<string> {
  const [subscription] = await db
    .insert(subscriptions)
    .values({
      name: values.name ?? `Subscription ${values.format}`,
      subject: "Your report",
      message: "Hello,\nhere is the report.",
      ...values,
    })
    .returning({ id: subscriptions.id });
  return subscription.id;
}

export async function createModel(values: {
  sourceQuery: string;
  idColumn: string;
  labelColumn: string;
  name?: string;
}): Promise<string> {
  const [model] = await db
    .insert(semanticModels)
    .values({ name: values.name ?? "Model", ...values })
    .returning({ id: semanticModels.id });
  return model.id;
}

export async function getRunRow(id: string): Promise<Run> {
  const [run] = await db.select().from(runs).where(eq(runs.id, id));
  return run;
}

export async function waitForRunEnd(id: string, timeoutMs = 30_000): Promise<Run> {
  return waitFor(
    `run ${id} to finish`,
    async () => {
      const run = await getRunRow(id);
      return run.status === "succeeded" || run.status === "failed" ? run : null;
    },
    timeoutMs,
  );
}

export async function deliveriesOf(runId: string) {
  return db.select().from(deliveries).where(eq(deliveries.runId, runId));
}

/** Closes the test process's own pools and queues so the file ends cleanly. */
export async function closeTestClients(): Promise<void> {
  const [{ closeRunsQueue }, { closeSchedulesQueue }, { sql }, { warehouseSql }] = await Promise.all([
    import("../../../lib/queue/producer"),
    import("../../../lib/schedules/queue"),
    import("../../../lib/db/client"),
    import("../../../lib/warehouse/client"),
  ]);
  const { closeWarehouseOwnerSql } = await import("../../../lib/warehouse/owner");
  await Promise.allSettled([
    closeRunsQueue(),
    closeSchedulesQueue(),
    sql.end({ timeout: 5 }),
    warehouseSql.end({ timeout: 5 }),
    closeWarehouseOwnerSql(),
  ]);
}
