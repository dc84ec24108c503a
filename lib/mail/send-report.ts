import { createReadStream } from "node:fs";
import { env } from "../env";
import { mailSender } from "./transport";

/** The rendered report, on disk: each e-mail streams it from the file rather than holding it in memory. */
export type ReportAttachment = {
  path: string;
  filename: string;
  contentType: string;
  /** The MIME part already built (lib/mail/shared-attachment.ts), for a file many e-mails carry. */
  raw?: Buffer;
};

/** A report too large to attach: the e-mail says where to download it instead. */
export type ReportLink = { url: string; filename: string; bytes: number; expiresAt: Date };

export type ReportMail = {
  to: string;
  subject: string;
  /** The subscription's message, sent as the plain-text body. */
  text: string;
  report: { attachment: ReportAttachment } | { link: ReportLink };
  /** A stable Message-ID lets mail systems drop a copy that a crash made us send twice. */
  messageId?: string;
  /** The HTML part beside the plain text (the message and a preview of the rows). */
  html?: string;
  /** RFC 8058 one-click unsubscribe: the signed link for this address on this subscription. */
  unsubscribeUrl?: string;
};

/** List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), when the e-mail has an unsubscribe link. */
function unsubscribeHeaders(url: string | undefined): Record<string, string> | undefined {
  if (!url) return undefined;
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

const MIB = 1024 * 1024;

/** Sends one report e-mail to one recipient. Throws when the server refuses it. */
export async function sendReportMail(mail: ReportMail): Promise<{ messageId: string }> {
  const { report } = mail;
  if ("link" in report) {
    const { link } = report;
    const size = `${(link.bytes / MIB).toFixed(1)} MiB`;
    return mailSender().send({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      messageId: mail.messageId,
      html: mail.html,
      headers: unsubscribeHeaders(mail.unsubscribeUrl),
      text:
        `${mail.text}\n\n` +
        `The report (${link.filename}, ${size}) is too large to attach. Download it here until ` +
        `${link.expiresAt.toISOString().slice(0, 10)}:\n${link.url}\n`,
    });
  }
  return mailSender().send({
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: unsubscribeHeaders(mail.unsubscribeUrl),
    messageId: mail.messageId,
    // A stream per message (nodemailer reads the file as it writes to the server), or the part built once for all.
    attachments: [
      report.attachment.raw
        ? { raw: report.attachment.raw }
        : {
            filename: report.attachment.filename,
            content: createReadStream(report.attachment.path),
            contentType: report.attachment.contentType,
          },
    ],
  });
}
