import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvCell } from "./csv";
import { renderReport, reportFilename } from "./index";
import type { ReportData } from "./types";

const generatedAt = new Date("2026-03-04T05:06:07.000Z");

const data: ReportData = {
  title: "Sales: by region / owner",
  columns: ["id", "name", "note", "sold_at", "owners", "amount", "missing"],
  rows: [
    {
      id: 1,
      name: "Widget",
      note: 'says "hi", twice',
      sold_at: new Date("2026-01-02T00:00:00.000Z"),
      owners: ["Ada", "Alan"],
      amount: "19.90",
      missing: null,
    },
    { id: 2, name: "Gadget", note: "line one\nline two", sold_at: null, owners: [], amount: 34.5, missing: undefined },
  ],
  generatedAt,
};

/** Minimal RFC 4180 reader for the assertions (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

describe("renderReport csv", () => {
  it("writes a header row and RFC 4180 records", async () => {
    const out = await renderReport("csv", data);
    expect(out.contentType).toBe("text/csv; charset=utf-8");
    expect(out.filename).toBe("sales-by-region-owner-2026-03-04.csv");
    const text = out.content.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toContain('"says ""hi"", twice"');
    expect(parseCsv(text)).toEqual([
      ["id", "name", "note", "sold_at", "owners", "amount", "missing"],
      ["1", "Widget", 'says "hi", twice', "2026-01-02T00:00:00.000Z", "Ada, Alan", "19.90", ""],
      ["2", "Gadget", "line one\nline two", "", "", "34.5", ""],
    ]);
  });

  it("writes only the header for an empty report", async () => {
    const out = await renderReport("csv", { ...data, rows: [] });
    expect(out.content.toString("utf8")).toBe("id,name,note,sold_at,owners,amount,missing\r\n");
  });
});

describe("CSV formula injection", () => {
  it("prefixes text that a spreadsheet would run as a formula with an apostrophe; numbers stay numbers", () => {
    const cells: [unknown, string][] = [
      ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
      ["+1+1", "'+1+1"],
      ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
      ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
      ["\t=1", "'\t=1"],
      ["\r=1", `"'\r=1"`],
      [-5, "-5"],
      [-5.25, "-5.25"],
      ["-5.00", "-5.00"],
      ["+3", "+3"],
      ["1e-3", "1e-3"],
      [false, "false"],
      ["a=b", "a=b"],
      ["", ""],
    ];
    for (const [value, expected] of cells) expect(csvCell(value), String(value)).toBe(expected);
  });

  it("defuses formulas in a rendered file", async () => {
    const out = await renderReport("csv", {
      ...data,
      columns: ["id", "name"],
      rows: [{ id: -1, name: "=1+1" }],
    });
    expect(out.content.toString("utf8")).toBe("id,name\r\n-1,'=1+1\r\n");
  });
});

describe("renderReport xlsx", () => {
  it("writes one sheet with a bold header and the rows", async () => {
    const out = await renderReport("xlsx", data);
    expect(out.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(out.filename.endsWith(".xlsx")).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(out.content).buffer);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("Sales  by region   owner");
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const values = (n: number) => data.columns.map((_, i) => sheet.getRow(n).getCell(i + 1).value ?? "");
    expect(values(1)).toEqual(data.columns);
    expect(values(2)).toEqual([1, "Widget", 'says "hi", twice', "2026-01-02T00:00:00.000Z", "Ada, Alan", "19.90", ""]);
    expect(values(3)).toEqual([2, "Gadget", "line one\nline two", "", "", 34.5, ""]);
    expect(sheet.rowCount).toBe(3);
  });
});

describe("renderReport pdf", () => {
  const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
  const mediaBox = (pdf: Buffer) =>
    /\/MediaBox \[([^\]]*)\]/.exec(pdf.toString("latin1"))?.[1].trim().split(/\s+/).map(Number);

  it("is a PDF, portrait for a few columns", async () => {
    const out = await renderReport("pdf", { ...data, columns: data.columns.slice(0, 4) });
    expect(out.contentType).toBe("application/pdf");
    expect(out.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(out.content.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
    const [, , width, height] = mediaBox(out.content) ?? [];
    expect(width).toBeLessThan(height);
    expect(pages(out.content)).toBe(1);
  });

  it("turns landscape for many columns and paginates long tables", async () => {
    const columns = Array.from({ length: 9 }, (_, i) => `column_${i}`);
    const rows = Array.from({ length: 200 }, (_, r) => Object.fromEntries(columns.map((c, i) => [c, `r${r}c${i}`])));
    const out = await renderReport("pdf", { title: "Wide", columns, rows, generatedAt });
    const [, , width, height] = mediaBox(out.content) ?? [];
    expect(width).toBeGreaterThan(height);
    expect(pages(out.content)).toBeGreaterThan(3);
  });

  it("renders an empty report", async () => {
    const out = await renderReport("pdf", { ...data, rows: [] });
    expect(pages(out.content)).toBe(1);
  });
});

describe("reportFilename", () => {
  it("slugs the title and dates the file", () => {
    expect(reportFilename("Ümsätze 2026 — Nord", generatedAt, "pdf")).toBe("umsatze-2026-nord-2026-03-04.pdf");
    expect(reportFilename("***", generatedAt, "csv")).toBe("report-2026-03-04.csv");
  });
});
