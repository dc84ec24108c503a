import { z } from "zod";
import type { Run } from "@/lib/db/schema";

// A run's result is JSON written by the worker; read only the counts a refresh records (SPEC §4).
const refreshResultSchema = z.object({ values: z.number(), added: z.number(), removed: z.number() });

/** The value counts a finished refresh recorded, or null while it has none. */
export function refreshResultOf(run: Pick<Run, "result">) {
  const parsed = refreshResultSchema.safeParse(run.result);
  return parsed.success ? parsed.data : null;
}
