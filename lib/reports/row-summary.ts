import { createHash } from "node:crypto";
import { cellText } from "../render/values";

// A preview table belongs in the e-mail of a small report only; larger ones are read in their attachment.
export const PREVIEW_MAX_REPORT_ROWS = 50;
export const PREVIEW_ROWS = 10;

export type RowPreview = { columns: string[]; rows: string[][] };

/**
 * What a run learns of its report's rows while rendering, without keeping them: a digest of every cell as rendered
 * (Only send when the report changed) and the first rows as text (the e-mail's preview table).
 */
export class RowSummary {
  private readonly hash = createHash("sha256");
  private columns: string[] | null = null;
  private readonly first: string[][] = [];

  add(columns: string[], batch: Record<string, unknown>[]): void {
    if (!this.columns) {
      this.columns = columns;
      this.hash.update(JSON.stringify(columns));
    }
    for (const row of batch) {
      const cells = columns.map((column) => cellText(row[column]));
      // One JSON array per row: cell boundaries cannot shift between two different reports with the same digest.
      this.hash.update(`\n${JSON.stringify(cells)}`);
      if (this.first.length < PREVIEW_ROWS) this.first.push(cells);
    }
  }

  finish(columns: string[]): { digest: string; preview: RowPreview } {
    if (!this.columns) this.add(columns, []);
    return { digest: this.hash.digest("hex"), preview: { columns: this.columns ?? columns, rows: this.first } };
  }
}
