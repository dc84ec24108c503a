import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { semanticModels } from "../../lib/db/schema";
import { DEMO_MODEL_NAME, DEMO_REPORT_NAME } from "../../lib/seed/demo-objects";
import { makeToken } from "../support/fixtures";
import { bearer } from "../support/problems";
import { waitForRun } from "../support/runs";
import { addWarehouseOwner } from "../support/warehouse";
import { firstRow } from "../../lib/db/first-row";

test("the demo report keeps a chosen owner, and an API refresh adds a new owner to its dropdown", async ({
  page,
  request,
}) => {
  await page.goto("/reports");
  await page.getByRole("link", { name: DEMO_REPORT_NAME }).click();
  await expect(page.getByRole("heading", { name: DEMO_REPORT_NAME })).toBeVisible();
  const widgets = page.getByRole("row").filter({ hasText: "Widget" });
  const owner = widgets.getByLabel("Account owner");
  // The seed queues the model's first refresh; the worker fills the list soon after start.
  await expect(async () => {
    await page.reload();
    await expect(owner.locator("option", { hasText: "Ada Lovelace" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await owner.selectOption({ label: "Grace Hopper" });
  await expect(widgets.getByText("Saved")).toBeVisible();
  await page.reload();
  await expect(owner.locator("option:checked")).toHaveText("Grace Hopper");

  const newOwner = `Katherine Johnson ${randomUUID().slice(0, 6)}`;
  await addWarehouseOwner(newOwner);
  await page.reload();
  await expect(owner.locator("option", { hasText: newOwner })).toHaveCount(0);

  const model = firstRow(
    await db.select({ id: semanticModels.id }).from(semanticModels).where(eq(semanticModels.name, DEMO_MODEL_NAME)),
  );
  const { token } = await makeToken({ permissions: ["semantic-models:refresh"] });
  const accepted = await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, { headers: bearer(token) });
  expect(accepted.status()).toBe(202);
  const run = await waitForRun(request, token, (await accepted.json()).id);
  expect(run.status).toBe("succeeded");
  // Other specs add owners to the shared warehouse too, so at least this one is new.
  expect((run.result as { added: number }).added).toBeGreaterThanOrEqual(1);

  await page.reload();
  await expect(owner.locator("option", { hasText: newOwner })).toHaveCount(1);
  await expect(owner.locator("option:checked")).toHaveText("Grace Hopper");
});
