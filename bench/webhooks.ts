// Webhook and Prefer: wait cases of `npm run bench` (imported after the bench has set its environment).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { db, sql } from "../lib/db/client";
import { reports, semanticModels, subscriptions, webhookEndpoints } from "../lib/db/schema";
import { encryptSecret, generateWebhookSecret } from "../lib/webhooks/secret";
import { load, CONNECTIONS, type LoadResult } from "./load";

export const LATENCY_RUNS = 100;
// Unreported runs first: the first webhook of a process also connects, resolves and compiles its paths.
const LATENCY_WARM_UP_RUNS = 5;
// The per-run deadline: a webhook this late counts as lost rather than stalling the bench.
const WEBHOOK_DEADLINE_MS = 30_000;
const PREFER_WAIT_SECONDS = 30;
// How often the bench samples Postgres' connections during the Prefer: wait load.
const CONNECTION_SAMPLE_MS = 100;

export type WebhookFigures = {
  latency: { p50: number; p95: number; max: number; received: number; verified: number };
  wait: LoadResult;
  peakConnections: number;
  connectionLimit: number;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Time from a run's end (its finishedAt, written by Postgres) to its run.succeeded webhook arriving at a local
 * receiver, over runs made one after another so each is measured alone. Runs are refreshes of a three-value model.
 */
async function measureLatency(base: string, token: string): Promise<WebhookFigures["latency"]> {
  const secret = generateWebhookSecret();
  const verifier = new Webhook(secret);
  // A webhook may arrive before the trigger's answer has been read: arrivals are kept until asked for.
  const arrived = new Map<string, number>();
  const waiting = new Map<string, (latencyMs: number) => void>();
  let verified = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const receivedAt = Date.now();
      const body = Buffer.concat(chunks).toString("utf8");
      res.writeHead(204).end();
      try {
        verifier.verify(body, req.headers as Record<string, string>);
        verified++;
      } catch {
        return;
      }
      const event = JSON.parse(body) as { data: { id: string; finishedAt: string } };
      const latency = receivedAt - Date.parse(event.data.finishedAt);
      const waiter = waiting.get(event.data.id);
      if (waiter) waiter(latency);
      else arrived.set(event.data.id, latency);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      events: ["run.succeeded"],
      secretCiphertext: encryptSecret(secret),
    })
    .returning({ id: webhookEndpoints.id });
  const [model] = await db
    .insert(semanticModels)
    .values({
      name: "bench webhook model",
      sourceQuery: "select g as id, 'v' || g as label from generate_series(1, 3) g",
      labelColumn: "label",
      idColumn: "id",
    })
    .returning({ id: semanticModels.id });

  const latencies: number[] = [];
  try {
    for (let i = 0; i < LATENCY_WARM_UP_RUNS + LATENCY_RUNS; i++) {
      const response = await fetch(`${base}/api/v1/semantic-models/${model.id}/refreshes`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
      const run = (await response.json()) as { id: string };
      const latency = await new Promise<number | null>((resolve) => {
        const early = arrived.get(run.id);
        if (early !== undefined) return resolve(early);
        const timer = setTimeout(() => resolve(null), WEBHOOK_DEADLINE_MS);
        waiting.set(run.id, (ms) => {
          clearTimeout(timer);
          resolve(ms);
        });
      });
      waiting.delete(run.id);
      if (latency !== null && i >= LATENCY_WARM_UP_RUNS) latencies.push(latency);
    }
  } finally {
    // The next case measures the API alone: no endpoint, no webhook traffic.
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    server.closeAllConnections();
    server.close();
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? NaN,
    received: latencies.length,
    verified,
  };
}

/** A subscription whose run renders one CSV row and has no recipient: the run itself is (almost) no work. */
async function noOpSubscription(): Promise<string> {
  const [report] = await db
    .insert(reports)
    .values({ name: "bench no-op report", query: "select 1 as id", keyColumn: "id" })
    .returning({ id: reports.id });
  const [subscription] = await db
    .insert(subscriptions)
    .values({ name: "bench no-op", reportId: report.id, format: "csv", recipients: [], subject: "no-op" })
    .returning({ id: subscriptions.id });
  return subscription.id;
}

/**
 * Triggers with `Prefer: wait=30` at 50 connections against no-op runs: every request holds its connection until
 * its run is done. Postgres' connections are sampled meanwhile: waiting must not hold any, so the peak stays at
 * the pools' sizes however many requests wait.
 */
async function measurePreferWait(base: string, tokens: string[]) {
  const subscriptionId = await noOpSubscription();
  let peakConnections = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      peakConnections = Math.max(peakConnections, row?.n ?? 0);
      await new Promise((resolve) => setTimeout(resolve, CONNECTION_SAMPLE_MS));
    }
  })();
  const [{ max_connections: connectionLimit }] = await sql<{ max_connections: number }[]>`
    select current_setting('max_connections')::int as max_connections`;
  const wait = await load(
    `POST /subscriptions/{id}/runs with Prefer: wait=${PREFER_WAIT_SECONDS}, no-op runs, ${CONNECTIONS} connections`,
    `${base}/api/v1/subscriptions/${subscriptionId}/runs`,
    {
      method: "POST",
      headersFor: (i) => ({
        Authorization: `Bearer ${tokens[i % tokens.length]}`,
        Prefer: `wait=${PREFER_WAIT_SECONDS}`,
      }),
      timeoutSeconds: PREFER_WAIT_SECONDS + 5,
    },
  );
  sampling = false;
  await sampler;
  return { wait, peakConnections, connectionLimit };
}

export async function runWebhookCases(base: string, tokens: string[]): Promise<WebhookFigures> {
  const latency = await measureLatency(base, tokens[0]);
  return { latency, ...(await measurePreferWait(base, tokens)) };
}

export function formatWebhookReport(f: WebhookFigures, poolSizes: string): string {
  const codes = Object.entries(f.wait.statusCodes)
    .map(([code, count]) => `${count} × ${code}`)
    .join(", ");
  return [
    `| webhooks and Prefer: wait | figure | target |`,
    `| --- | ---: | --- |`,
    `| run end (finishedAt) → run.succeeded webhook received, p50 over ${LATENCY_RUNS} runs (${f.latency.received} received, ${f.latency.verified} signatures verified, warm-up runs included) | ${f.latency.p50} ms | — |`,
    `| same, p95 (max ${f.latency.max} ms) | ${f.latency.p95} ms | ≤ 250 ms |`,
    `| ${f.wait.label}: runs finished per second (answers: ${codes || "none"}; ${f.wait.errors} errors) | ${f.wait.requestsPerSecond} | holds |`,
    `| same, p50 / p99 answer time | ${f.wait.p50Ms} / ${f.wait.p99Ms} ms | — |`,
    `| peak Postgres connections during that load (pools: ${poolSizes}; server limit ${f.connectionLimit}) | ${f.peakConnections} | ≤ pools |`,
    ``,
  ].join("\n");
}
