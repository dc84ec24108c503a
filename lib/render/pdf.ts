import { once } from "node:events";
import { createWriteStream } from "node:fs";
import PDFDocument from "pdfkit";
import type { ReportHead, ReportWriter } from "./types";
import { cellText } from "./values";

// A4 in points; landscape once the columns would be too narrow to read upright.
const PAGE_SIZE = "A4";
const PORTRAIT_MAX_COLUMNS = 6;
const MARGIN = 36;
const TITLE_FONT_SIZE = 16;
const META_FONT_SIZE = 9;
const TABLE_FONT_SIZE = 8;
const CELL_PADDING = 3;
const ROW_HEIGHT = TABLE_FONT_SIZE + 2 * CELL_PADDING + 4;
// Room kept under the table for the page number.
const FOOTER_HEIGHT = 18;
const ZEBRA_FILL = "#f2f4f7";
const RULE_COLOR = "#98a2b3";
const MUTED_COLOR = "#475467";
// Column widths follow the content of the first rows, within these bounds (in characters).
const WIDTH_SAMPLE_ROWS = 200;
const MIN_WEIGHT = 4;
const MAX_WEIGHT = 40;
const ELLIPSIS = "…";

type Doc = InstanceType<typeof PDFDocument>;
type Layout = { x: number[]; widths: number[]; tableWidth: number; bottom: number };

/**
 * pdfkit writing straight to the file: without bufferPages each finished page leaves memory, so pages carry
 * "Page N" (a total would need every page kept until the end) and the row count closes the table.
 */
export function openPdfWriter(path: string, head: ReportHead): ReportWriter {
  const doc = new PDFDocument({
    size: PAGE_SIZE,
    layout: head.columns.length > PORTRAIT_MAX_COLUMNS ? "landscape" : "portrait",
    margin: MARGIN,
    info: { Title: head.title, Creator: "Sluice", CreationDate: head.generatedAt },
  });
  const out = createWriteStream(path);
  doc.pipe(out);
  const failed = Promise.race([once(out, "error"), once(doc, "error")]).then(([error]: unknown[]) =>
    Promise.reject(error),
  );
  failed.catch(() => {});

  let page = 1;
  numberPage(doc, page);
  doc.font("Helvetica-Bold").fontSize(TITLE_FONT_SIZE).fillColor("black").text(oneLine(head.title), MARGIN, MARGIN);
  doc
    .font("Helvetica")
    .fontSize(META_FONT_SIZE)
    .fillColor(MUTED_COLOR)
    .text(`Generated ${head.generatedAt.toISOString()}`);
  doc.moveDown(0.8);

  let layout: Layout | undefined;
  let y = 0;
  let count = 0;

  function start(sample: Record<string, unknown>[]): Layout {
    const chosen = tableLayout(doc, head.columns, sample);
    y = drawHeader(doc, head.columns, chosen, doc.y);
    return chosen;
  }

  return {
    async write(rows) {
      layout ??= start(rows);
      for (const row of rows) {
        if (y + ROW_HEIGHT > layout.bottom) {
          doc.addPage();
          numberPage(doc, ++page);
          y = drawHeader(doc, head.columns, layout, MARGIN);
        }
        if (count % 2 === 1) doc.rect(MARGIN, y, layout.tableWidth, ROW_HEIGHT).fill(ZEBRA_FILL);
        doc.font("Helvetica").fontSize(TABLE_FONT_SIZE).fillColor("black");
        head.columns.forEach((column, i) =>
          drawCell(doc, cellText(row[column]), layout?.x[i] ?? 0, y, layout?.widths[i] ?? 0),
        );
        y += ROW_HEIGHT;
        count++;
      }
      // pdfkit pushes finished pages into the file stream; wait for it when it asks to.
      if (out.writableNeedDrain) await Promise.race([once(out, "drain"), failed]);
    },
    async finish() {
      layout ??= start([]);
      if (y + ROW_HEIGHT > layout.bottom) {
        doc.addPage();
        numberPage(doc, ++page);
        y = MARGIN;
      }
      doc
        .font("Helvetica")
        .fontSize(TABLE_FONT_SIZE)
        .fillColor(MUTED_COLOR)
        .text(
          count === 0 ? "No rows." : `${count} ${count === 1 ? "row" : "rows"}`,
          MARGIN + CELL_PADDING,
          y + CELL_PADDING,
          {
            lineBreak: false,
          },
        );
      doc.end();
      await Promise.race([once(out, "finish"), failed]);
    },
    abort() {
      doc.unpipe(out);
      out.destroy();
    },
  };
}

function tableLayout(doc: Doc, columns: string[], sample: Record<string, unknown>[]): Layout {
  const tableWidth = doc.page.width - 2 * MARGIN;
  const weights = columns.map((column) => {
    let widest = column.length;
    for (const row of sample.slice(0, WIDTH_SAMPLE_ROWS)) widest = Math.max(widest, cellText(row[column]).length);
    return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, widest));
  });
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const widths = weights.map((w) => (w / total) * tableWidth);
  const x: number[] = [];
  widths.reduce((left, width) => {
    x.push(left);
    return left + width;
  }, MARGIN);
  return { x, widths, tableWidth, bottom: doc.page.height - MARGIN - FOOTER_HEIGHT };
}

function drawHeader(doc: Doc, columns: string[], layout: Layout, top: number): number {
  doc.font("Helvetica-Bold").fontSize(TABLE_FONT_SIZE).fillColor("black");
  columns.forEach((column, i) => drawCell(doc, column, layout.x[i] ?? MARGIN, top, layout.widths[i] ?? 0));
  const bottom = top + ROW_HEIGHT;
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(MARGIN + layout.tableWidth, bottom)
    .lineWidth(0.75)
    .strokeColor(RULE_COLOR)
    .stroke();
  return bottom;
}

function drawCell(doc: Doc, text: string, x: number, y: number, width: number): void {
  const fitted = fit(doc, oneLine(text), width - 2 * CELL_PADDING);
  if (fitted) doc.text(fitted, x + CELL_PADDING, y + CELL_PADDING, { lineBreak: false });
}

/** The longest prefix of text that fits the width, with an ellipsis when cut (binary search on length). */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.widthOfString(text.slice(0, mid) + ELLIPSIS) <= width) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? "" : text.slice(0, low) + ELLIPSIS;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "Page N" in the bottom margin of the page just opened. */
function numberPage(doc: Doc, page: number): void {
  const { x, y } = doc;
  // Writing inside the bottom margin would make pdfkit open a new page; lift the margin while we do.
  const bottomMargin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .font("Helvetica")
    .fontSize(META_FONT_SIZE)
    .fillColor(MUTED_COLOR)
    .text(`Page ${page}`, MARGIN, doc.page.height - MARGIN - META_FONT_SIZE, {
      width: doc.page.width - 2 * MARGIN,
      align: "right",
      lineBreak: false,
    });
  doc.page.margins.bottom = bottomMargin;
  doc.x = x;
  doc.y = y;
}
