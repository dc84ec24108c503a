import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { bearer } from "../support/problems";
import { makeSubscription, makeToken, makeViewer, userIdOf } from "../support/fixtures";
import { messagesBySubject } from "../support/mailbox";
import { startSecondServer } from "../support/second-server";
import { BuiltWorker } from "../support/worker-process";

// SPEC §11: two web processes (the suite's server and a second one) and two workers (the suite's and a second one)
// on one database and one Redis behave as one.
const PORT = Number(process.env.PORT ?? 3100);
const webs = [`http://localhost:${PORT}`, `http://localhost:${PORT + 5}`];
// Two more servers with a budget of two requests per token and minute, for the shared rate limit.
const LIMITED_PORTS = [PORT + 6, PORT + 9];
const LIMIT = 2;
// A report whose second row takes a few seconds: a run of it is "running" long enough to kill its worker.
const SLOW_QUERY = "select g as id, case when g = 2 then pg_sleep(4)::text end as pause from generate_series(1, 3) g";

type RunBody = { id: string; status: string; attempts: number; trigger: string };

test.describe.configure({ mode: "serial" });

let secondWeb: ChildProcess;
let secondWorker: BuiltWorker;
// Started before the other cases, so the wait for its minute overlaps them; checked last.
let scheduled: Awaited<ReturnType<typeof makeSubscription>>;
let scheduledToken: string;

test.beforeAll(async () => {
  [secondWeb, secondWorker] = await Promise.all([
    startSecondServer(PORT + 5, {}),
    BuiltWorker.start({ WORKER_LOCK_DURATION_MS: "5000" }),
  ]);
  const now = new Date();
  // The next whole minute, or the one after when this one is nearly over: both workers must have synced it.
  const fire = new Date(now.getTime() + (now.getUTCSeconds() > 45 ? 120_000 : 60_000));
  const time = `${String(fire.getUTCHours()).padStart(2, "0")}:${String(fire.getUTCMinutes()).padStart(2, "0")}`;
  scheduled = await makeSubscription({ frequency: "daily", time, timeZone: "UTC" });
  scheduledToken = (await makeToken()).token;
});

test.afterAll(async () => {
  const { setSubscriptionStatus } = await import("../../lib/subscriptions/repository");
  const { systemActor } = await import("../../lib/audit/record");
  // Paused, so the schedule does not fire tomorrow in a long-lived test database.
  if (scheduled) await setSubscriptionStatus(scheduled.id, "paused", systemActor("test fixture"));
  secondWeb?.kill("SIGTERM");
  await secondWorker?.stop();
});

async function getRun(request: APIRequestContext, base: string, token: string, runId: string): Promise<RunBody> {
  const response = await request.get(`${base}/api/v1/runs/${runId}`, { headers: bearer(token) });
  expect(response.status()).toBe(200);
  return (await response.json()) as RunBody;
}

async function waitForStatus(
  request: APIRequestContext,
  token: string,
  runId: string,
  accept: (status: string) => boolean,
  timeout = 60_000,
): Promise<RunBody> {
  let run: RunBody | undefined;
  await expect
    .poll(
      async () => {
        run = await getRun(request, webs[0] ?? "", token, runId);
        return accept(run.status);
      },
      { timeout, intervals: [100, 250, 500] },
    )
    .toBe(true);
  return run as RunBody;
}

async function trigger(request: APIRequestContext, base: string, token: string, subscriptionId: string) {
  const response = await request.post(`${base}/api/v1/subscriptions/${subscriptionId}/runs`, {
    headers: bearer(token),
  });
  expect(response.status()).toBe(202);
  return (await response.json()) as RunBody;
}

async function expectEachRecipientMailed(subject: string, recipients: string[], times: number) {
  await expect
    .poll(async () => {
      const bySubject = await messagesBySubject(subject);
      return recipients.map((r) => bySubject.get(r.toLowerCase())?.length ?? 0);
    })
    .toEqual(recipients.map(() => times));
}

test("30 triggers spread over both web servers: each recipient gets 30 e-mails, no more", async ({ request }) => {
  test.setTimeout(180_000);
  const subscription = await makeSubscription();
  const { token } = await makeToken();
  const runIds = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const run = await trigger(request, webs[i % 2] ?? "", token, subscription.id);
    runIds.add(run.id);
    // A trigger while a run waits joins it (SPEC §4): the next one goes once this run has been taken.
    await waitForStatus(request, token, run.id, (status) => status !== "queued");
  }
  expect(runIds.size).toBe(30);
  for (const runId of runIds) {
    expect((await waitForStatus(request, token, runId, (s) => s === "succeeded" || s === "failed")).status).toBe(
      "succeeded",
    );
  }
  await expectEachRecipientMailed(subscription.subject, subscription.recipients, 30);
});

test("a token revoked on one web server is refused by the other on its next request", async ({ page, request }) => {
  const { token } = await makeToken();
  const [first, second] = webs as [string, string];
  expect((await request.get(`${first}/api/v1/token`, { headers: bearer(token) })).status()).toBe(200);
  const { name } = (await (await request.get(`${first}/api/v1/token`, { headers: bearer(token) })).json()) as {
    name: string;
  };

  await page.goto(`${second}/tokens`);
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");

  expect((await request.get(`${first}/api/v1/token`, { headers: bearer(token) })).status()).toBe(401);
});

test("a user disabled on one web server has their tokens refused by the other", async ({ page, request }) => {
  const viewer = await makeViewer();
  const { token } = await makeToken({ createdBy: await userIdOf(viewer.email) });
  const [first, second] = webs as [string, string];
  expect((await request.get(`${second}/api/v1/token`, { headers: bearer(token) })).status()).toBe(200);

  await page.goto(`${first}/users`);
  const row = page.getByRole("row").filter({ hasText: viewer.email });
  await row.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(row).toContainText("Disabled");

  expect((await request.get(`${second}/api/v1/token`, { headers: bearer(token) })).status()).toBe(401);
});

test.describe("two servers with a low rate limit", () => {
  let limited: ChildProcess[] = [];
  test.beforeAll(async () => {
    limited = await Promise.all(
      LIMITED_PORTS.map((port) => startSecondServer(port, { API_RATE_LIMIT_PER_MINUTE: String(LIMIT) })),
    );
  });
  test.afterAll(() => {
    for (const server of limited) server.kill("SIGTERM");
  });

  test("share one budget per token", async ({ request }) => {
    const { token } = await makeToken();
    const [a, b] = LIMITED_PORTS.map((port) => `http://127.0.0.1:${port}`) as [string, string];
    const first = await request.get(`${a}/api/v1/token`, { headers: bearer(token) });
    expect(first.headers()["ratelimit"]).toMatch(/^"default";r=1;t=\d+$/);
    // The second server counts the first one's request: one left, then none.
    const second = await request.get(`${b}/api/v1/token`, { headers: bearer(token) });
    expect(second.status()).toBe(200);
    expect(second.headers()["ratelimit"]).toMatch(/^"default";r=0;t=\d+$/);
    expect((await request.get(`${a}/api/v1/token`, { headers: bearer(token) })).status()).toBe(429);
    expect((await request.get(`${b}/api/v1/token`, { headers: bearer(token) })).status()).toBe(429);
  });
});

test("a worker killed mid-run: the other finishes its run, nothing lost and nothing sent twice", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const { runsQueue } = await import("../../lib/queue/producer");
  const { token } = await makeToken();
  // More slow runs than one worker takes at once (WORKER_CONCURRENCY), so the second worker holds some.
  const count = Number(process.env.WORKER_CONCURRENCY ?? 4) + 2;
  const subscriptions = await Promise.all(
    Array.from({ length: count }, async () => {
      const { saveReport } = await import("../../lib/reports/repository");
      const { systemActor } = await import("../../lib/audit/record");
      const { randomUUID } = await import("node:crypto");
      const report = await saveReport(
        { name: `slow-${randomUUID()}`, query: SLOW_QUERY, keyColumn: "id", inputColumns: [] },
        systemActor("test fixture"),
      );
      return makeSubscription({ reportId: report.id });
    }),
  );
  const runs = await Promise.all(subscriptions.map((s, i) => trigger(request, webs[i % 2] ?? "", token, s.id)));

  // A run the second worker holds, past its start: kill -9 that worker while the run is in progress.
  let held: string | undefined;
  await expect
    .poll(
      async () => {
        const active = await runsQueue().getActive();
        const ours = active.filter((job) => job.processedBy === secondWorker.name).map((job) => job.id);
        for (const id of ours) {
          if (id && (await getRun(request, webs[0] ?? "", token, id)).status === "running") held = id;
        }
        return held;
      },
      { timeout: 30_000, intervals: [100] },
    )
    .toBeDefined();
  secondWorker.crash();
  // Its replacement looks for stalled jobs every second; the suite's worker does too, less often.
  secondWorker = await BuiltWorker.start({ WORKER_STALLED_INTERVAL_MS: "1000" });

  for (const run of runs) {
    const finished = await waitForStatus(request, token, run.id, (s) => s === "succeeded" || s === "failed", 90_000);
    expect(finished.status).toBe("succeeded");
    // The killed attempt counts: the run was taken up again, not started afresh or dropped.
    if (run.id === held) expect(finished.attempts).toBe(2);
  }
  for (const subscription of subscriptions) {
    await expectEachRecipientMailed(subscription.subject, subscription.recipients, 1);
  }
});

test("a queued run without a job is enqueued once though both workers reconcile", async ({ request }) => {
  const { db } = await import("../../lib/db/client");
  const { runs } = await import("../../lib/db/schema");
  const { runsQueue } = await import("../../lib/queue/producer");
  const subscription = await makeSubscription();
  const { token } = await makeToken();
  // As a trigger leaves it when Redis is away: the row, no job. Both workers' reconcilers (every second) find it.
  const [row] = await db
    .insert(runs)
    .values({ kind: "subscription", subscriptionId: subscription.id, trigger: "api" })
    .returning({ id: runs.id });
  const runId = row?.id ?? "";
  const finished = await waitForStatus(request, token, runId, (s) => s === "succeeded" || s === "failed");
  expect(finished).toMatchObject({ status: "succeeded", attempts: 1 });
  const job = await runsQueue().getJob(runId);
  expect(job?.attemptsMade).toBe(1);
  await expectEachRecipientMailed(subscription.subject, subscription.recipients, 1);
  // Nothing else of this subscription ran.
  const all = await db.select({ id: runs.id }).from(runs).where(eq(runs.subscriptionId, subscription.id));
  expect(all).toHaveLength(1);
});

test("a schedule fires once, though both workers keep schedules in step", async ({ request }) => {
  test.setTimeout(180_000);
  const { db } = await import("../../lib/db/client");
  const { runs } = await import("../../lib/db/schema");
  const scheduledRuns = () =>
    db
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.subscriptionId, scheduled.id), eq(runs.trigger, "schedule")));
  await expect.poll(async () => (await scheduledRuns()).length, { timeout: 150_000 }).toBeGreaterThan(0);
  const [fired] = await scheduledRuns();
  const finished = await waitForStatus(request, scheduledToken, fired?.id ?? "", (s) => s === "succeeded");
  expect(finished.trigger).toBe("schedule");
  await expectEachRecipientMailed(scheduled.subject, scheduled.recipients, 1);
  expect(await scheduledRuns()).toHaveLength(1);
});
