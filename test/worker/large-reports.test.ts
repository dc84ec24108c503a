import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, sql } from "../../lib/db/client";
import { reportFiles } from "../../lib/db/schema";
import { findDownload, largeObjectStream, removeExpiredFiles } from "../../lib/downloads/files";
import { renderReportFile } from "../../lib/reports/render-file";
import { rowLimitMessage, ROW_LIMITS } from "../../lib/render";
import { startSubscriptionRun } from "../../lib/runs/start";
import {
  closeTestClients,
  CONSOLE_USER,
  createReport,
  createSubscription,
  getRunRow,
  waitForRunEnd,
} from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { waitFor } from "./helpers/wait";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// Small enough that a few thousand rows of CSV go out as a link, not an attachment.
const ATTACHMENT_MAX_BYTES = 50_000;
// A local address: production settings elsewhere would also demand a secret of their own (lib/env.ts).
const APP_URL = "http://localhost:3999";
const LINK = /http:\/\/localhost:3999\/downloads\/([0-9a-f-]{36})\?sig=([A-Za-z0-9_-]+)/;
// 5,000 rows of ~45 bytes: some 230 kB of CSV. After the first batch (2,000 rows) the query sleeps, so the run
// stays "running" with its first progress written long enough to be seen.
const LARGE_QUERY = `
  select g as id, md5(g::text) as hash, case when g = 3000 then pg_sleep(2)::text end as pause
  from generate_series(1, 5000) as g order by g`;

const sink = new SmtpSink();
let worker: WorkerProcess;

beforeAll(async () => {
  const port = await sink.start();
  worker = await WorkerProcess.start(
    workerEnv({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES),
      APP_URL,
    }),
  );
});

afterAll(async () => {
  await worker?.stop();
  await sink.stop();
  await closeTestClients();
});

beforeEach(() => sink.reset());

describe("a report larger than MAIL_ATTACHMENT_MAX_BYTES", () => {
  it("is e-mailed as a signed link to a stored file, with progress while it runs", async () => {
    const reportId = await createReport(LARGE_QUERY, "Large export");
    const recipients = ["ada@example.com", "alan@example.com"];
    const subscriptionId = await createSubscription({ reportId, format: "csv", recipients });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });

    const running = await waitFor("progress of the running run", async () => {
      const row = await getRunRow(started.id);
      return row.status === "running" && (row.progress?.rows ?? 0) >= 2_000 ? row : null;
    });
    expect(running.progress).toMatchObject({ recipientsSent: 0, recipientsTotal: 2 });

    const run = await waitForRunEnd(started.id).catch((error: unknown) => {
      console.log(worker.output.slice(-5000));
      throw error;
    });
    expect(run.status).toBe("succeeded");
    expect(run.progress).toEqual({ rows: 5_000, recipientsSent: 2, recipientsTotal: 2 });
    const bytes = Number(run.result?.bytes);
    expect(bytes).toBeGreaterThan(ATTACHMENT_MAX_BYTES);

    const links = recipients.map((recipient) => {
      const [mail] = sink.for(recipient);
      expect(mail.attachments).toHaveLength(0);
      expect(mail.text).toMatch(/too large to attach/);
      const match = LINK.exec(mail.text);
      expect(match).not.toBeNull();
      return { id: match?.[1] ?? "", sig: match?.[2] ?? "" };
    });
    // Rendered and stored once for the run: every recipient gets the same link.
    expect(new Set(links.map((link) => link.id)).size).toBe(1);

    const file = await findDownload(links[0].id, links[0].sig);
    expect(file).toMatchObject({ runId: run.id, bytes, contentType: "text/csv; charset=utf-8" });
    const csv = await text(await largeObjectStream(file?.objectId ?? 0));
    expect(Buffer.byteLength(csv)).toBe(bytes);
    expect(csv.split("\r\n").slice(0, 2)).toEqual(["id,hash,pause", "1,c4ca4238a0b923820dcc509a6f75849b,"]);
    expect(csv.split("\r\n")).toHaveLength(5_002);

    // A tampered signature, or another file's, names nothing.
    expect(
      await findDownload(links[0].id, links[0].sig.slice(0, -1) + (links[0].sig.endsWith("A") ? "B" : "A")),
    ).toBeNull();
    expect(await findDownload(links[0].id, "")).toBeNull();

    // Once expired: no download, and the daily clean-up removes the row and the large object.
    await db
      .update(reportFiles)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(reportFiles.id, links[0].id));
    expect(await findDownload(links[0].id, links[0].sig)).toBeNull();
    expect(await removeExpiredFiles()).toBeGreaterThanOrEqual(1);
    const [object] = await sql<{ left: number }[]>`
      select count(*)::int as left from pg_largeobject_metadata where oid = ${file?.objectId ?? 0}::bigint::oid`;
    expect(object.left).toBe(0);
  });
});

describe("row limits per format", () => {
  it("names each format's limit", () => {
    expect(ROW_LIMITS).toEqual({ csv: 5_000_000, xlsx: 1_048_575, pdf: 100_000 });
    expect(rowLimitMessage("xlsx")).toMatch(/more than 1,048,575 rows, the limit for Excel/);
  });

  it("fails a run past the limit and leaves no file behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-limit-test-"));
    try {
      const reportId = await createReport("select g as id from generate_series(1, 100001) as g", "Too long");
      await expect(renderReportFile(reportId, "pdf", dir)).rejects.toThrow(
        "The report returns more than 100,000 rows, the limit for PDF",
      );
      const ok = await renderReportFile(reportId, "csv", dir);
      expect(ok.rows).toBe(100_001);
      expect((await readFile(ok.path, "utf8")).endsWith("100001\r\n")).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
