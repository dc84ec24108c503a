import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listReports } from "@/lib/reports/repository";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";

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
      <table className="table bg-white">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key column</th>
            <th>Data-input columns</th>
            <th>Subscriptions</th>
            <th>Updated</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.length === 0 && (
            <tr>
              <td colSpan={6} className="text-slate-500">
                No reports yet.
              </td>
            </tr>
          )}
          {reports.map((r) => (
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
          ))}
        </tbody>
      </table>
    </>
  );
}
