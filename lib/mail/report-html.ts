import type { RowPreview } from "../reports/row-summary";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const CELL = 'style="border:1px solid #cbd5e1;padding:4px 8px;text-align:left"';

/**
 * The HTML part of a report e-mail: the message as typed (escaped, line breaks kept), then, for a small report, a
 * table of its first rows, and the download link of a report too large to attach. Inline styles only: mail clients
 * drop style sheets.
 */
export function reportHtml(parts: {
  message: string;
  preview?: RowPreview & { totalRows: number };
  link?: { url: string; note: string };
}): string {
  const paragraphs = parts.message
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== "")
    .map((block) => `<p>${escapeHtml(block).replace(/\r?\n/g, "<br>")}</p>`);
  const sections = [...paragraphs];
  const { preview, link } = parts;
  if (preview && preview.rows.length > 0) {
    const head = preview.columns.map((column) => `<th ${CELL}>${escapeHtml(column)}</th>`).join("");
    const body = preview.rows
      .map((row) => `<tr>${row.map((cell) => `<td ${CELL}>${escapeHtml(cell)}</td>`).join("")}</tr>`)
      .join("");
    const shown =
      preview.rows.length < preview.totalRows
        ? `<p>The first ${preview.rows.length} of ${preview.totalRows} rows; the whole report is attached.</p>`
        : "";
    sections.push(
      `<table style="border-collapse:collapse;font-size:13px"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${shown}`,
    );
  }
  if (link)
    sections.push(`<p>${escapeHtml(link.note)}<br><a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></p>`);
  return `<!doctype html><html><body style="font-family:sans-serif">${sections.join("\n")}</body></html>`;
}
