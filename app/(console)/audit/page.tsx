import { requireAdminPage } from "@/lib/auth/guards";
import { listAuditEvents } from "@/lib/audit/record";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";

export default async function AuditPage() {
  await requireAdminPage();
  const events = await listAuditEvents();
  return (
    <>
      <PageHeader title="Audit" />
      <table className="table bg-white">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Action</th>
            <th>Who</th>
            <th>Target</th>
            <th>IP</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
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
          ))}
        </tbody>
      </table>
    </>
  );
}
