import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { isUuid } from "@/lib/forms/zod-helpers";
import { cellText } from "@/lib/render/values";
import { loadReportView, type InputCell } from "@/lib/reports/view";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { ReportGrid, type GridChoice, type GridOption } from "./report-grid";

// A page of a browser table stays usable up to about this many rows, each with its dropdowns.
const REPORT_PAGE_ROWS = 500;

export const metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const data = await loadReportView(id, REPORT_PAGE_ROWS);
  if (!data) notFound();
  const { report } = data;
  const isAdmin = user.role === "admin";
  const options: Record<string, GridOption[]> = Object.fromEntries(data.options);
  const rows = data.rows.map((row) => ({
    key: row.key,
    cells: data.columns.map((c) => cellText(row.values[c])),
    inputs: Object.fromEntries(report.inputColumns.map((c) => [c.id, choicesOf(row.inputs[c.id])])),
  }));

  return (
    <>
      <PageHeader title={report.name}>
        {isAdmin && (
          <Link href={`/reports/${id}/edit`} className="btn">
            Edit
          </Link>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        Key column <code>{report.keyColumn}</code> · updated {formatDateTime(report.updatedAt)}
        {report.inputColumns.length > 0 && !isAdmin && " · only admins can change the data-input columns"}
      </p>

      {report.inputColumns.length > 0 && (
        <ul className="mb-4 space-y-1 text-sm">
          {report.inputColumns.map((c) => (
            <li key={c.id}>
              <span className="font-medium">{c.name}</span> ({c.type === "multi" ? "multi-select" : "single-select"})
              takes its values from{" "}
              <Link href={`/semantic-models/${c.semanticModelId}`} className="text-blue-700 underline">
                {c.modelName}
              </Link>
              ,{" "}
              {c.modelLastRefreshedAt
                ? `last refreshed ${formatDateTime(c.modelLastRefreshedAt)}`
                : "never refreshed yet"}
              .
            </li>
          ))}
        </ul>
      )}

      {data.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          The report&apos;s query failed: {data.error}
        </p>
      ) : (
        <>
          <ReportGrid
            columns={data.columns}
            inputColumns={report.inputColumns.map((c) => ({
              id: c.id,
              name: c.name,
              type: c.type,
              semanticModelId: c.semanticModelId,
            }))}
            options={options}
            rows={rows}
            canEdit={isAdmin}
          />
          {rows.length >= REPORT_PAGE_ROWS && (
            <p className="mt-2 text-sm text-slate-600">Showing the first {REPORT_PAGE_ROWS} rows.</p>
          )}
        </>
      )}
    </>
  );
}

/** The cell's saved value IDs with their labels; view.ts lists labels in order for the IDs that are not missing. */
function choicesOf(cell: InputCell | undefined): GridChoice[] {
  if (!cell) return [];
  const labels = [...cell.labels];
  return cell.valueIds.map((valueId) => ({
    valueId,
    label: cell.missing.includes(valueId) ? null : (labels.shift() ?? null),
  }));
}
