import { z } from "zod";
import type { Run, SemanticModel } from "@/lib/db/schema";
import { TIME_ZONE_SUGGESTIONS } from "@/lib/schedules/schema";

export function describeRefresh(
  m: Pick<SemanticModel, "refreshFrequency" | "refreshTime" | "refreshTimeZone">,
): string {
  switch (m.refreshFrequency) {
    case "manual":
      return "Manual";
    case "daily":
      return `Daily at ${m.refreshTime} (${m.refreshTimeZone})`;
    case "weekly":
      return `Weekly at ${m.refreshTime} (${m.refreshTimeZone})`;
    case "monthly":
      return `Monthly on the 1st at ${m.refreshTime} (${m.refreshTimeZone})`;
  }
}

// A run's result is JSON written by the worker; read only the counts a refresh records (SPEC §4).
const refreshResultSchema = z.object({ values: z.number(), added: z.number(), removed: z.number() });

export function refreshResultOf(run: Pick<Run, "result">) {
  const parsed = refreshResultSchema.safeParse(run.result);
  return parsed.success ? parsed.data : null;
}

export function durationOf(run: Pick<Run, "startedAt" | "finishedAt">): string {
  if (!run.startedAt || !run.finishedAt) return "—";
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

export const STATUS_STYLE: Record<Run["status"], string> = {
  queued: "bg-slate-200 text-slate-700",
  running: "bg-blue-100 text-blue-800",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

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
