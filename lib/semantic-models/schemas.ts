import { z } from "zod";
import { columnNameSchema } from "../forms/zod-helpers";
import { scheduleFields } from "../schedules/schema";

export const MODEL_REFRESH_FREQUENCIES = ["manual", "daily", "monthly"] as const;

export const semanticModelFormSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Required").max(100, "At most 100 characters"),
  sourceQuery: z.string().trim().min(1, "Required").max(20_000, "At most 20,000 characters"),
  labelColumn: columnNameSchema,
  idColumn: columnNameSchema,
  refreshFrequency: z.enum(MODEL_REFRESH_FREQUENCIES),
  refreshTime: scheduleFields.time,
  refreshTimeZone: scheduleFields.timeZone,
});

export type SemanticModelInput = z.infer<typeof semanticModelFormSchema>;

export const semanticModelIdSchema = z.object({ id: z.uuid() });
