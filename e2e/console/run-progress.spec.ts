import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { systemActor } from "../../lib/audit/record";
import { makeToken } from "../support/fixtures";
import { bearer } from "../support/problems";
import { waitForRun } from "../support/runs";

// A PDF of this many rows takes the worker several seconds to render (about 5,000 rows/s), long enough to watch.
const ROWS = 80_000;

async function largeSubscription() {
  const { saveReport } = await import("../../lib/reports/repository");
  const { saveSubscription } = await import("../../lib/subscriptions/repository");
  const actor = systemActor("test fixture");
  const unique = randomUUID().slice(0, 8);
  const report = await saveReport(
    {
      name: `large-${unique}`,
      query: `select g as id, md5(g::text) as label, g * 3 as amount from generate_series(1, ${ROWS}) g`,
      keyColumn: "id",
      inputColumns: [],
    },
    actor,
  );
  return saveSubscription(
    {
      name: `large-${unique}`,
      reportId: report.id,
      format: "pdf",
      recipients: [`p1-${unique}@sluice.test`, `p2-${unique}@sluice.test`, `p3-${unique}@sluice.test`],
      subject: "Large report",
      message: "Attached.",
      frequency: "manual",
      time: "08:00",
      timeZone: "UTC",
      every: 1,
      daysOfWeek: [1],
      monthDay: "1",
      onlyWhenRows: false,
      onlyWhenChanged: false,
      notifyOnFailure: false,
      recipientsMode: "list",
      recipientFilterValues: null,
      filterColumn: null,
      recipientsQuery: null,
    },
    actor,
  );
}

const shownRows = async (page: Page) =>
  Number(((await page.getByTestId("run-progress-rows").textContent()) ?? "").replace(/,/g, ""));

test("a large run shows its counts moving, on its page and in the API, until it ends", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
  const subscription = await largeSubscription();
  const accepted = await request.post(`/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(token) });
  expect(accepted.status()).toBe(202);
  const { id } = (await accepted.json()) as { id: string };

  // The API shows progress while the run is running.
  let apiProgress: { rows: number; recipientsSent: number; recipientsTotal: number } | undefined;
  await expect
    .poll(
      async () => {
        const run = await (await request.get(`/api/v1/runs/${id}`, { headers: bearer(token) })).json();
        apiProgress = run.status === "running" ? run.progress : undefined;
        return apiProgress?.rows ?? 0;
      },
      { timeout: 60_000, intervals: [100, 250] },
    )
    .toBeGreaterThan(0);
  expect(apiProgress).toMatchObject({ recipientsSent: 0, recipientsTotal: 3 });

  // The run page shows the bar and the counts, and they move without a reload.
  await page.goto(`/runs/${id}`);
  await expect(page.getByRole("progressbar", { name: "Run progress" })).toBeVisible();
  const first = await shownRows(page);
  expect(first).toBeGreaterThan(0);
  await expect.poll(() => shownRows(page), { timeout: 60_000 }).toBeGreaterThan(first);
  await expect(page.getByTestId("run-progress")).toContainText("of 3 e-mails sent");

  const finished = await waitForRun(request, token, id, 120_000);
  expect(finished).toMatchObject({ status: "succeeded", result: { recipients: 3, delivered: 3 } });
  expect(finished).not.toHaveProperty("progress");
  await expect(page.getByTestId("run-status")).toContainText("succeeded");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
});
