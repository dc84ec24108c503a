import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { adminCredentials } from "../support/env";
import { makeToken } from "../support/fixtures";
import { messagesBySubject } from "../support/mailbox";
import { bearer } from "../support/problems";

/** The product names in a CSV attachment (second column of "Sales by product"), header left out. */
function products(csv: Buffer | undefined): string[] {
  return (csv?.toString("utf8") ?? "")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",")[1] ?? "");
}

test("Per recipient filter: each recipient gets their category's rows, grouped by value on the run page", async ({
  page,
  request,
}) => {
  const unique = randomUUID().slice(0, 8);
  const name = `Per category ${unique}`;
  const subject = `Your category ${unique}`;
  const [hw1, hw2, svc, none] = ["hw1", "hw2", "svc", "none"].map((who) => `${who}-${unique}@sluice.test`);

  await page.goto("/subscriptions/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Sales by product" });
  await page.getByLabel("Format").selectOption({ label: "CSV" });
  await expect(page.getByLabel("Only send when the report changed")).toBeEnabled();
  await page.getByLabel("Per recipient filter").check();
  // Each recipient gets other rows: there is no one report to compare with the last run's.
  await expect(page.getByLabel("Only send when the report changed")).toBeDisabled();
  await expect(page.getByText("Not offered for per-recipient reports")).toBeVisible();
  await page.getByLabel("Only send when the report has rows").check();
  await page.getByLabel("Recipients").fill(`${hw1}, Hardware\n${hw1}, Services`);
  await page.getByLabel("Filter column").selectOption("category");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByText(`${hw1} is listed with two values ("Hardware", "Services")`)).toBeVisible();

  await page
    .getByLabel("Recipients")
    .fill([`${hw1}, Hardware`, `${hw2}, Hardware`, `${svc}, Services`, `${none}, Furniture`].join("\n"));
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Per recipient filter on category")).toBeVisible();

  // The form shows what was saved.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Per recipient filter")).toBeChecked();
  await expect(page.getByLabel("Filter column")).toHaveValue("category");
  await expect(page.getByLabel("Recipients")).toHaveValue(new RegExp(`^${hw1}, Hardware\\n`));
  await expect(page.getByLabel("Only send when the report has rows")).toBeChecked();
  await expect(page.getByLabel("Only send when the report changed")).toBeDisabled();

  // Send test email: the signed-in admin gets the first recipient's report, its value named in the subject.
  await page.goBack();
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByRole("status")).toHaveText(`Test e-mail sent to ${adminCredentials.email}.`);
  await expect
    .poll(async () =>
      [...(await messagesBySubject(`[Test] ${subject} (category = Hardware)`)).entries()].map(([address, mails]) => [
        address,
        products(mails[0]?.attachments[0]?.content),
      ]),
    )
    .toEqual([[adminCredentials.email, ["Widget", "Gadget", "Gizmo"]]]);

  await page.goto("/subscriptions");
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Run now" }).click();
  await row.getByRole("link", { name: "Run queued — view run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 45_000 });

  const hardware = page.getByRole("region", { name: "Filter value Hardware" });
  await expect(hardware).toContainText("2 recipients");
  for (const address of [hw1, hw2])
    await expect(hardware.getByRole("row").filter({ hasText: address })).toContainText("sent");
  await expect(
    page.getByRole("region", { name: "Filter value Services" }).getByRole("row").filter({ hasText: svc }),
  ).toContainText("sent");
  // Only send when the report has rows: the value matching nothing e-mails nobody.
  await expect(
    page.getByRole("region", { name: "Filter value Furniture" }).getByRole("row").filter({ hasText: none }),
  ).toContainText("skipped (no rows)");

  // The API's run says how many renders the run took: one per distinct value.
  const runId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
  const apiRun = await (await request.get(`/api/v1/runs/${runId}`, { headers: bearer(token) })).json();
  expect(apiRun.result).toMatchObject({ recipients: 4, delivered: 3, failed: 0, groups: 3 });

  const mail = await messagesBySubject(subject);
  expect([...mail.keys()].sort()).toEqual([hw1, hw2, svc].sort());
  const attachment = (address: string) => mail.get(address)?.[0]?.attachments[0]?.content;
  expect(products(attachment(hw1))).toEqual(["Widget", "Gadget", "Gizmo"]);
  expect(attachment(hw2)).toEqual(attachment(hw1));
  expect(products(attachment(svc))).toEqual(["Support plan", "Training day"]);
});

test("From a query: the query must return email and stay under the cap the form states", async ({ page }) => {
  const unique = randomUUID().slice(0, 8);
  const name = `Owners ${unique}`;

  await page.goto("/subscriptions/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Sales by product" });
  await page.getByLabel("From a query").check();
  await expect(page.getByText("at most 10,000 recipients")).toBeVisible();
  await page.getByLabel("Subject").fill(`Owners ${unique}`);

  await page.getByLabel("Recipients query").fill("select name from owners");
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByText("The query must return a column named email (it returns: name)")).toBeVisible();

  await page
    .getByLabel("Recipients query")
    .fill("select 'r' || g || '@sluice.test' as email from generate_series(1, 10001) as g");
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByText("The recipients are more than 10,000")).toBeVisible();

  await page.getByLabel("Recipients query").fill("select email, 'Hardware' as filter_value from owners");
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(
    page.getByText("The query returns filter_value: choose the report column it is compared with"),
  ).toBeVisible();

  await page.getByLabel("Filter column").selectOption("category");
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("From a query on category")).toBeVisible();
});
