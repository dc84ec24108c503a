import { expect, test, type Request } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { apiTokens } from "../../lib/db/schema";

test("a server action replayed from a foreign or null Origin changes nothing", async ({ page, request }) => {
  const name = `origin-check-${Date.now()}`;
  let captured: Request | null = null;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) captured = r;
  });

  await page.goto("/tokens");
  await page.getByRole("button", { name: "Create API Token" }).click();
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Execute a new subscription").check();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByLabel("API token", { exact: true })).toHaveValue(/^slc_/);
  expect(captured).not.toBeNull();
  const original = captured as unknown as Request;

  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const origin of ["https://evil.example", "null"]) {
    const response = await request.post(original.url(), {
      headers: { ...original.headers(), cookie, origin },
      data: original.postDataBuffer() ?? undefined,
    });
    expect(response.status(), origin).toBe(403);
    expect(await response.text()).not.toMatch(/slc_[0-9A-Za-z]{36}/);
  }
  const rows = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, name));
  expect(rows).toHaveLength(1);
});
