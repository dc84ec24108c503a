import type { AuditEvent } from "@/lib/db/schema";
import { DataTable } from "./data-table";
import { formatDateTime } from "./format";

/** Audit entries, newest first as given; the target column only where the entries are about different things. */
export function AuditTable({
  entries,
  empty,
  showTarget = true,
}: {
  entries: AuditEvent[];
  empty: string;
  showTarget?: boolean;
}) {
  return (
    <DataTable
      headers={["When (UTC)", "Action", "Who", ...(showTarget ? ["Target"] : []), "IP", "Details"]}
      items={entries}
      empty={empty}
      row={(e) => (
        <tr key={e.id}>
          <td className="whitespace-nowrap">{formatDateTime(e.at)}</td>
          <td>
            <code>{e.action}</code>
          </td>
          <td>{e.actorLabel ?? "—"}</td>
          {showTarget && <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</td>}
          <td>{e.ip ?? "—"}</td>
          {/* JSON keeps newlines escaped, so a value cannot fake another row. */}
          <td>
            <code className="break-all text-xs">{JSON.stringify(e.details)}</code>
          </td>
        </tr>
      )}
    />
  );
}
