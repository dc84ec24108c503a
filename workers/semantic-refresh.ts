import type { Run } from "../lib/db/schema";
import { refreshSemanticModel } from "../lib/semantic-models/refresh";

/** Processor for `semantic-model-refresh` runs: the domain function replaces the values and finishes the run. */
export async function processSemanticRefresh(run: Run): Promise<Record<string, unknown>> {
  return refreshSemanticModel(run);
}
