import ExcelJS from "exceljs";
import type { ReportHead, ReportWriter } from "./types";
import { cellText, cellValue } from "./values";

// Excel's limit on sheet names, and the characters it refuses in them.
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;
// Column widths in characters: wide enough to read, never a screen wide.
const MIN_COLUMN_WIDTH = 8;
const MAX_COLUMN_WIDTH = 60;
// Widths are guessed from the first rows only (the first batch), since the columns are written before any row.
const WIDTH_SAMPLE_ROWS = 200;

export function sheetName(title: string): string {
  return title.replace(SHEET_NAME_FORBIDDEN, " ").trim().slice(0, SHEET_NAME_MAX) || "Report";
}

/**
 * exceljs's streaming WorkbookWriter: each committed row goes to the zip stream on disk, so memory does not grow
 * with the sheet. Strings are inline (no shared-strings table, which would keep every distinct string in memory).
 */
export function openXlsxWriter(path: string, head: ReportHead): ReportWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = "Sluice";
  workbook.created = head.generatedAt;
  const sheet = workbook.addWorksheet(sheetName(head.title), { views: [{ state: "frozen", ySplit: 1 }] });
  let started = false;

  function start(sample: Record<string, unknown>[]): void {
    started = true;
    sheet.columns = head.columns.map((column) => ({ header: column, key: column, width: columnWidth(sample, column) }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
  }

  return {
    async write(rows) {
      if (!started) start(rows);
      for (const row of rows) sheet.addRow(head.columns.map((column) => cellValue(row[column]))).commit();
      // Let the zip stream drain to the file between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async finish() {
      if (!started) start([]);
      sheet.commit();
      await workbook.commit();
    },
    abort() {
      void workbook.commit().catch(() => {});
    },
  };
}

function columnWidth(rows: Record<string, unknown>[], column: string): number {
  let widest = column.length;
  for (const row of rows.slice(0, WIDTH_SAMPLE_ROWS)) widest = Math.max(widest, cellText(row[column]).length);
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + 2));
}
