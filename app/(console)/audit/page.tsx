import { requireAdminPage } from "@/lib/auth/guards";
import { listAuditEvents } from "@/lib/audit/record";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  await requireAdminPage();
  const events = await listAuditEvents();
  return (
    <>
      <PageHeader title="Audit" />
      <DataTable
        headers={["When (UTC)", "Action", "Who", "Target", "IP", "Details"]}
        items={events}
        row={(e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap">{formatDateTime(e.at)}</td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>{e.actorLabel ?? "—"}</td>
            <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>
            <td>{e.ip ?? "—"}</td>
            {/* JSON keeps newlines escaped, so a value cannot fake another row. */}
            <td>
              <code className="break-all text-xs">{JSON.stringify(e.details)}</code>
            </td>
          </tr>
        )}
      />
    </>
  );
}
