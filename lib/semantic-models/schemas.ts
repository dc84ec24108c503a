import { z } from "zod";
import { columnNameSchema, MAX_NAME_LENGTH } from "../forms/zod-helpers";
import { scheduleFields } from "../schedules/schema";

export const MODEL_REFRESH_FREQUENCIES = ["manual", "daily", "monthly"] as const;
export const MAX_SOURCE_QUERY_LENGTH = 20_000;

export const semanticModelFormSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Required").max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`),
  sourceQuery: z
    .string()
    .trim()
    .min(1, "Required")
    .max(MAX_SOURCE_QUERY_LENGTH, `At most ${MAX_SOURCE_QUERY_LENGTH.toLocaleString("en-US")} characters`),
  labelColumn: columnNameSchema,
  idColumn: columnNameSchema,
  refreshFrequency: z.enum(MODEL_REFRESH_FREQUENCIES),
  refreshTime: scheduleFields.time,
  refreshTimeZone: scheduleFields.timeZone,
});

export type SemanticModelInput = z.infer<typeof semanticModelFormSchema>;

export const semanticModelIdSchema = z.object({ id: z.uuid() });
