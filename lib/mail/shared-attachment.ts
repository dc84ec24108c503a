import { readFile } from "node:fs/promises";
import MimeNode from "nodemailer/lib/mime-node/index.js";
import type { ReportAttachment } from "./send-report";

// Encoded once and held in memory for all its e-mails: only files this small (a report for many recipients at once
// is usually one value's share of the rows); a larger file streams from disk into each e-mail as before.
export const SHARED_ATTACHMENT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The attachment's MIME part (headers and base64 body) built once, for a file many e-mails carry: each e-mail then
 * writes these bytes instead of reading and encoding the file again. Built by nodemailer itself, as it would build
 * the part in each message.
 */
export async function sharedAttachment(attachment: ReportAttachment): Promise<ReportAttachment> {
  const content = await readFile(attachment.path);
  const part = new MimeNode("multipart/mixed").createChild(attachment.contentType, {
    filename: attachment.filename,
  });
  part.setHeader("Content-Disposition", "attachment");
  part.setContent(content);
  return { ...attachment, raw: await part.build() };
}
