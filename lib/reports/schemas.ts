import { z } from "zod";
import { asArray, columnNameSchema, MAX_NAME_LENGTH } from "../forms/zod-helpers";

export const MAX_QUERY_LENGTH = 20_000;
export const MAX_INPUT_COLUMNS = 10;

export const inputColumnSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Column name is required").max(MAX_NAME_LENGTH),
  type: z.enum(["single", "multi"]),
  semanticModelId: z.uuid("Pick a semantic model"),
});

/** Data-input columns arrive as parallel repeated form fields (one group per column); zip them into objects. */
function zipInputColumns(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const { inputColumnId, inputColumnName, inputColumnType, inputColumnModel, ...report } = raw as Record<
    string,
    unknown
  >;
  const ids = asArray(inputColumnId);
  const types = asArray(inputColumnType);
  const models = asArray(inputColumnModel);
  const inputColumns = asArray(inputColumnName).map((name, i) => ({
    id: ids[i] || undefined,
    name,
    type: types[i],
    semanticModelId: models[i],
  }));
  return { ...report, inputColumns };
}

export const reportFormSchema = z.preprocess(
  zipInputColumns,
  z.object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, "Required").max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`),
    query: z.string().trim().min(1, "Required").max(MAX_QUERY_LENGTH, `At most ${MAX_QUERY_LENGTH} characters`),
    keyColumn: columnNameSchema,
    inputColumns: z
      .array(inputColumnSchema)
      .max(MAX_INPUT_COLUMNS)
      .refine(
        (cols) => new Set(cols.map((c) => c.name.toLowerCase())).size === cols.length,
        "Column names must differ",
      ),
  }),
);

export type ReportInput = z.infer<typeof reportFormSchema>;

export const saveChoiceSchema = z.object({
  columnId: z.uuid(),
  rowKey: z.string().max(500),
  valueIds: z.preprocess(asArray, z.array(z.string().max(500)).max(200)),
});
