import type { SemanticModel } from "../db/schema";

/** A semantic model as the API lists it (SPEC §4). */
export function presentSemanticModel(m: SemanticModel) {
  return {
    id: m.id,
    name: m.name,
    refresh:
      m.refreshFrequency === "manual"
        ? { frequency: "manual" as const }
        : { frequency: m.refreshFrequency, time: m.refreshTime, timeZone: m.refreshTimeZone },
    lastRefreshedAt: m.lastRefreshedAt?.toISOString() ?? null,
    valuesCount: m.valuesCount,
  };
}
