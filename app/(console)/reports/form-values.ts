import type { ReportWithColumns } from "@/lib/reports/repository";

export type InputColumnValues = { id?: string; name: string; type: "single" | "multi"; semanticModelId: string };

export type ReportFormValues = {
  id?: string;
  name: string;
  query: string;
  keyColumn: string;
  inputColumns: InputColumnValues[];
};

export const BLANK_REPORT: ReportFormValues = { name: "", query: "", keyColumn: "", inputColumns: [] };

export function formValuesOf(report: ReportWithColumns): ReportFormValues {
  return {
    id: report.id,
    name: report.name,
    query: report.query,
    keyColumn: report.keyColumn,
    inputColumns: report.inputColumns.map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      semanticModelId: c.semanticModelId,
    })),
  };
}
