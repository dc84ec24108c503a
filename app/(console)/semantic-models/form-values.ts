import type { SemanticModel } from "@/lib/db/schema";
import { TIME_ZONE_SUGGESTIONS } from "@/lib/schedules/schema";

export type ModelFormValues = {
  id?: string;
  name: string;
  sourceQuery: string;
  labelColumn: string;
  idColumn: string;
  refreshFrequency: string;
  refreshTime: string;
  refreshTimeZone: string;
};

export const BLANK_MODEL: ModelFormValues = {
  name: "",
  sourceQuery: "",
  labelColumn: "",
  idColumn: "",
  refreshFrequency: "manual",
  refreshTime: "06:00",
  refreshTimeZone: "UTC",
};

/** Computed on the server and passed down, so the browser's own zone list cannot make hydration differ. */
export function timeZoneChoices(): string[] {
  return ["UTC", ...TIME_ZONE_SUGGESTIONS.filter((zone) => zone !== "UTC")];
}

export function formValuesOf(m: SemanticModel): ModelFormValues {
  return {
    id: m.id,
    name: m.name,
    sourceQuery: m.sourceQuery,
    labelColumn: m.labelColumn,
    idColumn: m.idColumn,
    // The form offers manual / daily / monthly (SPEC §2).
    refreshFrequency: m.refreshFrequency === "weekly" ? "daily" : m.refreshFrequency,
    refreshTime: m.refreshTime,
    refreshTimeZone: m.refreshTimeZone,
  };
}
