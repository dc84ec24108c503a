import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { auditEvents, reportFiles } from "../../lib/db/schema";
import { storeReportFile } from "../../lib/downloads/files";

// Several of the route's 256 KiB reads, and not a multiple of them.
const FILE_BYTES = 700_001;
const content = randomBytes(FILE_BYTES);
let link: { id: string; path: string; sig: string };

test.beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "sluice-download-spec-"));
  try {
    const path = join(dir, "report.csv");
    await writeFile(path, content);
    const stored = await storeReportFile(null, {
      path,
      filename: "large-export-2026-11-29.csv",
      contentType: "text/csv; charset=utf-8",
      bytes: FILE_BYTES,
    });
    const url = new URL(stored.url);
    link = { id: stored.id, path: url.pathname, sig: url.searchParams.get("sig") ?? "" };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function expectInvalidPage(response: APIResponse): Promise<void> {
  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toMatch(/^text\/html/);
  expect(await response.text()).toContain("This download link is invalid or has expired");
}

test.describe("GET /downloads/{id}?sig=… → 200", () => {
  test("streams the stored file to whoever holds the link, and audits the download", async ({ request }) => {
    const response = await request.get(`${link.path}?sig=${link.sig}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe('attachment; filename="large-export-2026-11-29.csv"');
    expect(Buffer.compare(await response.body(), content)).toBe(0);

    const audited = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report.downloaded"), eq(auditEvents.targetId, link.id)));
    expect(audited).toEqual([{ details: { runId: null, filename: "large-export-2026-11-29.csv", bytes: FILE_BYTES } }]);
  });
});

test.describe("GET /downloads/{id}?sig=… → 404 page", () => {
  test("for a tampered, missing or foreign signature, an unknown id or a non-UUID", async ({ request }) => {
    const flipped = link.sig.slice(0, -1) + (link.sig.endsWith("A") ? "B" : "A");
    for (const path of [
      `${link.path}?sig=${flipped}`,
      link.path,
      `${link.path}?sig=`,
      `/downloads/00000000-0000-4000-8000-000000000000?sig=${link.sig}`,
      `/downloads/not-a-uuid?sig=${link.sig}`,
      `${link.path}?sig=${"x".repeat(5000)}`,
    ]) {
      await expectInvalidPage(await request.get(path));
    }
  });

  test("once the link has expired", async ({ request }) => {
    await db
      .update(reportFiles)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(reportFiles.id, link.id));
    await expectInvalidPage(await request.get(`${link.path}?sig=${link.sig}`));
  });
});
