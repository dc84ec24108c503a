// Bench fixtures, written through the app's own modules (imported after the bench has set its environment).
import { inArray, sql as dsql } from "drizzle-orm";
import { db, sql } from "../lib/db/client";
import { apiTokens, PERMISSIONS, reports, runs, semanticModels, subscriptions } from "../lib/db/schema";
import { checksumOf, digestOf, generateToken, hintOf } from "../lib/tokens/format";
import { warehouseSql } from "../lib/warehouse/client";
import { closeWarehouseOwnerSql, warehouseOwnerSql } from "../lib/warehouse/owner";
import { closeRunsQueue, runsQueue } from "../lib/queue/producer";

const DAY_MS = 86_400_000;

export async function createTokens(count: number): Promise<string[]> {
  const tokens = Array.from({ length: count }, generateToken);
  await db.insert(apiTokens).values(
    tokens.map((token, i) => ({
      name: `bench-${i}`,
      digest: digestOf(token),
      hint: hintOf(token),
      permissions: [...PERMISSIONS],
      expiresAt: new Date(Date.now() + 30 * DAY_MS),
    })),
  );
  return tokens;
}

export function badChecksumToken(): string {
  const token = generateToken();
  const random = token.slice(4, 34);
  return `slc_${random}${checksumOf(random) === "zzzzzz" ? "yyyyyy" : "zzzzzz"}`;
}

export async function createSubscription(options: {
  rows: number;
  recipients: number;
  format: "pdf" | "xlsx" | "csv";
}): Promise<string> {
  const [report] = await db
    .insert(reports)
    .values({
      name: `bench report ${options.rows}`,
      query: `select g as id, 'row ' || g as label, g * 1.5 as amount, date '2026-01-01' + g as day from generate_series(1, ${options.rows}) g`,
      keyColumn: "id",
    })
    .returning({ id: reports.id });
  const [subscription] = await db
    .insert(subscriptions)
    .values({
      name: `bench ${options.rows}x${options.recipients}`,
      reportId: report.id,
      format: options.format,
      recipients: Array.from({ length: options.recipients }, (_, i) => `r${i}@bench.test`),
      subject: "bench",
    })
    .returning({ id: subscriptions.id });
  return subscription.id;
}

export async function createLargeModel(values: number): Promise<string> {
  await warehouseOwnerSql().unsafe(`drop table if exists warehouse.bench_values; create table warehouse.bench_values as
    select 'v' || g as id, 'Value ' || lpad(g::text, 6, '0') as label from generate_series(1, ${values}) g`);
  const [model] = await db
    .insert(semanticModels)
    .values({
      name: "bench model",
      sourceQuery: "select id, label from bench_values",
      labelColumn: "label",
      idColumn: "id",
    })
    .returning({ id: semanticModels.id });
  return model.id;
}

/** Waits until the worker has drained every queued and running run (the trigger load leaves a backlog). */
export async function waitForIdle(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ open }] = await db
      .select({ open: dsql<number>`count(*)::int` })
      .from(runs)
      .where(inArray(runs.status, ["queued", "running"]));
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the worker did not drain the trigger backlog in time");
}

type RunBody = { id: string; status: string; startedAt: string | null; finishedAt: string | null };

/** POSTs a trigger and polls the run until it finishes; returns its status and the worker's own duration. */
export async function triggerAndWait(url: string, token: string): Promise<{ status: string; seconds: number }> {
  const headers = { Authorization: `Bearer ${token}` };
  const accepted = (await (await fetch(url, { method: "POST", headers })).json()) as RunBody;
  const base = new URL(url).origin;
  for (;;) {
    const run = (await (await fetch(`${base}/api/v1/runs/${accepted.id}`, { headers })).json()) as RunBody;
    if (run.status === "succeeded" || run.status === "failed") {
      const seconds =
        run.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : NaN;
      return { status: run.status, seconds };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Pauses or resumes every worker of the runs queue, to measure the API without the worker competing for CPU. */
export async function setWorkerPaused(paused: boolean): Promise<void> {
  const queue = runsQueue();
  await queue.waitUntilReady();
  await (paused ? queue.pause() : queue.resume());
}

export async function close(): Promise<void> {
  await Promise.all([sql.end(), warehouseSql.end(), closeWarehouseOwnerSql(), closeRunsQueue()]);
}
