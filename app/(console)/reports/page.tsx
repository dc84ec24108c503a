import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listReports } from "@/lib/reports/repository";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";

export const metadata = { title: "Reports" };

export default async function ReportsPage() {
  const user = await requireUser();
  const isAdmin = user.role === "admin";
  const reports = await listReports();
  return (
    <>
      <PageHeader title="Reports">
        {isAdmin && (
          <Link href="/reports/new" className="btn-primary">
            New report
          </Link>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        A report is a read-only query over the warehouse; its data-input columns let people pick values per row, which
        are saved.
      </p>
      <DataTable
        headers={["Name", "Key column", "Data-input columns", "Subscriptions", "Updated"]}
        actions
        items={reports}
        empty="No reports yet. New report turns a warehouse query into a report that subscriptions can send."
        row={(r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/reports/${r.id}`} className="font-medium text-blue-700 hover:underline">
                {r.name}
              </Link>
            </td>
            <td>
              <code>{r.keyColumn}</code>
            </td>
            <td>{r.inputColumns}</td>
            <td>{r.subscriptions}</td>
            <td className="whitespace-nowrap">{formatDateTime(r.updatedAt)}</td>
            <td>
              {isAdmin && (
                <Link href={`/reports/${r.id}/edit`} className="btn">
                  Edit
                </Link>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}
