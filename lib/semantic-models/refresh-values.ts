import { z } from "zod";
import { DomainError } from "../domain-error";

export type ModelValue = { valueId: string; label: string };

// Ids and labels are stored as text whatever the source column's type.
const scalarSchema = z
  .union([z.string(), z.number(), z.bigint(), z.boolean(), z.date()])
  .nullable()
  .optional()
  .transform((value) =>
    value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value),
  );

const sourceResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
});

/**
 * Turns a model's source rows into its list of values. Rows without an id are skipped; when an id repeats, its first
 * row (in the query's order) wins, so the outcome is fixed by the query. A missing label falls back to the id.
 */
export function parseModelValues(source: unknown, columns: { idColumn: string; labelColumn: string }): ModelValue[] {
  const { columns: present, rows } = sourceResultSchema.parse(source);
  for (const [role, name] of [
    ["ID", columns.idColumn],
    ["label", columns.labelColumn],
  ] as const) {
    if (!present.includes(name)) {
      throw new DomainError(
        "invalid",
        `The ${role} column "${name}" is not in the source query's result (columns: ${present.join(", ") || "none"}).`,
      );
    }
  }
  const seen = new Set<string>();
  const values: ModelValue[] = [];
  rows.forEach((row, index) => {
    const valueId = scalar(row[columns.idColumn], columns.idColumn, index);
    if (valueId === null || seen.has(valueId)) return;
    seen.add(valueId);
    values.push({ valueId, label: scalar(row[columns.labelColumn], columns.labelColumn, index) ?? valueId });
  });
  return values;
}

function scalar(value: unknown, column: string, index: number): string | null {
  const parsed = scalarSchema.safeParse(value);
  if (!parsed.success)
    throw new DomainError(
      "invalid",
      `Row ${index + 1}: column "${column}" must hold text, a number, a boolean or a date.`,
    );
  return parsed.data;
}

/** What a refresh changed, by value id. */
export function diffValueIds(before: Iterable<string>, after: Iterable<string>): { added: number; removed: number } {
  const old = new Set(before);
  const next = new Set(after);
  let added = 0;
  for (const id of next) if (!old.has(id)) added++;
  let removed = 0;
  for (const id of old) if (!next.has(id)) removed++;
  return { added, removed };
}
