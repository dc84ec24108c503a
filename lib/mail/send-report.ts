import { env } from "../env";
import type { RenderedReport } from "../render";
import { mailSender } from "./transport";

export type ReportMail = {
  to: string;
  subject: string;
  /** The subscription's message, sent as the plain-text body. */
  text: string;
  attachment: RenderedReport;
  /** A stable Message-ID lets mail systems drop a copy that a crash made us send twice. */
  messageId?: string;
};

/** Sends one report e-mail to one recipient. Throws when the server refuses it. */
export async function sendReportMail(mail: ReportMail): Promise<{ messageId: string }> {
  return mailSender().send({
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    attachments: [
      {
        filename: mail.attachment.filename,
        content: mail.attachment.content,
        contentType: mail.attachment.contentType,
      },
    ],
  });
}
