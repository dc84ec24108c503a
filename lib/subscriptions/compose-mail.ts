import { reportHtml } from "../mail/report-html";
import type { ReportMail } from "../mail/send-report";
import type { RenderedFile } from "../reports/render-file";
import { PREVIEW_MAX_REPORT_ROWS } from "../reports/row-summary";
import { fillSubject, fillTemplate, templateValues } from "./mail-template";

/** What a subscription's e-mail says, the same for every recipient of a run (and for its test e-mail). */
export type ComposedMail = Pick<ReportMail, "subject" | "text" | "html">;

/**
 * The subject and message with their variables filled in, and the HTML part: the message, escaped, and a table of
 * the first rows when the report is small.
 */
export function composeReportMail(
  subscription: { subject: string; message: string; timeZone: string },
  file: Pick<RenderedFile, "title" | "rows" | "preview">,
  report: ReportMail["report"],
  at: Date,
): ComposedMail {
  const values = templateValues(file.title, at, subscription.timeZone, file.rows);
  const text = fillTemplate(subscription.message, values);
  const small = file.rows <= PREVIEW_MAX_REPORT_ROWS;
  return {
    subject: fillSubject(subscription.subject, values),
    text,
    html: reportHtml({
      message: text,
      preview: small ? { ...file.preview, totalRows: file.rows } : undefined,
      link:
        "link" in report
          ? {
              url: report.link.url,
              note: `The report (${report.link.filename}) is too large to attach. Download it until ${report.link.expiresAt.toISOString().slice(0, 10)}:`,
            }
          : undefined,
    }),
  };
}
