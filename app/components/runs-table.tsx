import Link from "next/link";
import type { Run } from "@/lib/db/schema";
import type { ConsoleRun } from "@/lib/runs/console-queries";
import { DataTable } from "./data-table";
import { formatDateTime } from "./format";
import { RetryNote, RunStatusBadge, runDuration, triggerLabel } from "./run-labels";

type RunRow = { run: Pick<Run, "id" | "createdAt" | "status" | "startedAt" | "finishedAt" | "error" | "retryAt"> };

/** One column of a runs table: its header and what a row shows in it. */
export type RunColumn<T> = { header: string; cell: (row: T) => React.ReactNode };

export const TRIGGER_COLUMN: RunColumn<Pick<ConsoleRun, "run" | "tokenName" | "userEmail">> = {
  header: "Trigger",
  cell: triggerLabel,
};
export const STATUS_COLUMN: RunColumn<RunRow> = {
  header: "Status",
  cell: (row) => (
    <>
      <RunStatusBadge status={row.run.status} />
      <RetryNote run={row.run} />
    </>
  ),
};
export const DURATION_COLUMN: RunColumn<RunRow> = { header: "Duration", cell: (row) => runDuration(row.run) };

/**
 * Runs, newest first, as every console page lists them: the time a run was queued (headed `createdHeader`) linking to
 * its run page, then `columns`, then its error. `empty` is what the table says when there are no rows.
 */
export function RunsTable<T extends RunRow>({
  rows,
  createdHeader,
  columns,
  empty,
}: {
  rows: T[];
  createdHeader: string;
  columns: RunColumn<T>[];
  empty: string;
}) {
  return (
    <DataTable
      headers={[createdHeader, ...columns.map((column) => column.header), "Error"]}
      items={rows}
      empty={empty}
      row={(row) => (
        <tr key={row.run.id}>
          <td className="whitespace-nowrap">
            <Link href={`/runs/${row.run.id}`} className="text-blue-700 hover:underline">
              {formatDateTime(row.run.createdAt)}
            </Link>
          </td>
          {columns.map((column) => (
            <td key={column.header}>{column.cell(row)}</td>
          ))}
          <td className="max-w-md break-words text-red-700">{row.run.error?.message ?? ""}</td>
        </tr>
      )}
    />
  );
}
