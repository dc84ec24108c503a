import ExcelJS from "exceljs";
import type { ReportData } from "./types";
import { cellText, cellValue } from "./values";

// Excel's limit on sheet names, and the characters it refuses in them.
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;
// Column widths in characters: wide enough to read, never a screen wide.
const MIN_COLUMN_WIDTH = 8;
const MAX_COLUMN_WIDTH = 60;
// Widths are guessed from the first rows only, so a large report does not pay for it twice.
const WIDTH_SAMPLE_ROWS = 200;

export function sheetName(title: string): string {
  return title.replace(SHEET_NAME_FORBIDDEN, " ").trim().slice(0, SHEET_NAME_MAX) || "Report";
}

export async function renderXlsx(data: ReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sluice";
  workbook.created = data.generatedAt;
  const sheet = workbook.addWorksheet(sheetName(data.title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = data.columns.map((column) => ({ header: column, key: column, width: columnWidth(data, column) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of data.rows) sheet.addRow(data.columns.map((column) => cellValue(row[column])));
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

function columnWidth(data: ReportData, column: string): number {
  let widest = column.length;
  for (const row of data.rows.slice(0, WIDTH_SAMPLE_ROWS)) widest = Math.max(widest, cellText(row[column]).length);
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + 2));
}
