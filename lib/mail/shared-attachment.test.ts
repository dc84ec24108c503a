import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedAttachment } from "./shared-attachment";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sluice-shared-attachment-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("sharedAttachment", () => {
  it("builds the part once; every e-mail carrying it has the file's bytes, name and type", async () => {
    const path = join(dir, "report.csv");
    // Lines starting with a dot and long lines: what SMTP and base64 line wrapping must get right.
    const content = Buffer.from(`id,name\n.1,${"x".repeat(500)}\n2,Zoë\n`, "utf8");
    await writeFile(path, content);
    const shared = await sharedAttachment({ path, filename: "Sales é 2026.csv", contentType: "text/csv" });
    expect(shared.raw).toBeInstanceOf(Buffer);

    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    for (const to of ["a@example.com", "b@example.com"]) {
      const sent = await transport.sendMail({
        from: "sluice@example.com",
        to,
        subject: "Report",
        text: "Attached.",
        attachments: [{ raw: shared.raw }],
      });
      const parsed = await simpleParser(sent.message as Buffer);
      expect(parsed.to).toMatchObject({ text: to });
      expect(parsed.attachments).toHaveLength(1);
      expect(parsed.attachments[0]).toMatchObject({
        filename: "Sales é 2026.csv",
        contentType: "text/csv",
        contentDisposition: "attachment",
      });
      expect(parsed.attachments[0]?.content.equals(content)).toBe(true);
    }
  });
});
