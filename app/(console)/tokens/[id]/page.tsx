import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guards";
import { isUuid } from "@/lib/forms/zod-helpers";
import { getTokenDetails } from "@/lib/tokens/repository";
import { scopeNames } from "@/lib/tokens/scope-options";
import { lastUses, tokenAuditEntries, usageByDay } from "@/lib/tokens/usage-queries";
import { tokenStatus } from "@/lib/tokens/expiry";
import { PERMISSION_LABELS, permissionSchema } from "@/lib/tokens/permissions";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { ExpiryText, OldSecretText } from "../expiry-text";
import { RegenerateTokenButton } from "../regenerate-token";
import { RevokeTokenButton } from "../revoke-token";
import { UsageChart } from "./usage-chart";
import { AuditTable } from "@/app/components/audit-table";

function scopeText(ids: string[] | null, names: { id: string; name: string }[], all: string): string {
  if (ids === null) return all;
  const found = ids.map((id) => names.find((n) => n.id === id)?.name ?? "(deleted)");
  return `Only: ${found.join(", ")}`;
}

export default async function TokenPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const token = await getTokenDetails(id);
  if (!token) notFound();
  const [days, uses, audit, names] = await Promise.all([
    usageByDay(id),
    lastUses(id),
    tokenAuditEntries(id),
    scopeNames(token.subscriptionIds, token.semanticModelIds),
  ]);
  const now = new Date();
  const status = tokenStatus(token, now);
  const details: [string, React.ReactNode][] = [
    ["Description", token.description || "—"],
    [
      "Token",
      <>
        <code>{token.hint}…</code>
        <OldSecretText previousHint={token.previousHint} previousValidUntil={token.previousValidUntil} now={now} />
      </>,
    ],
    ["Status", token.revokedReason ? `${status} (${token.revokedReason})` : status],
    ["Permissions", token.permissions.map((p) => PERMISSION_LABELS[permissionSchema.parse(p)]).join(", ")],
    ["Subscriptions", scopeText(token.subscriptionIds, names.subscriptions, "All subscriptions")],
    ["Semantic models", scopeText(token.semanticModelIds, names.semanticModels, "All semantic models")],
    ["Allowed IP ranges", token.allowedIps.length ? token.allowedIps.join(", ") : "Any address"],
    ["Created", `${formatDateTime(token.createdAt)} by ${token.createdByEmail ?? "—"}`],
    ["Expires", <ExpiryText key="expires" expiresAt={token.expiresAt} active={status === "Active"} now={now} />],
    [
      "Last used",
      token.lastUsedAt ? `${formatDateTime(token.lastUsedAt)} from ${token.lastUsedIp ?? "unknown IP"}` : "Never",
    ],
  ];
  return (
    <>
      <PageHeader title={`API token “${token.name}”`}>
        <div className="flex gap-2">
          {status === "Active" && <RegenerateTokenButton id={token.id} name={token.name} />}
          {status !== "Revoked" && <RevokeTokenButton id={token.id} name={token.name} />}
        </div>
      </PageHeader>
      <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        {details.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section className="mb-6">
        <UsageChart days={days} />
      </section>
      <section className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Last uses</h2>
        <DataTable
          headers={["When (UTC)", "IP", "Request", "Status"]}
          items={uses}
          empty="Not used yet."
          row={(u) => (
            <tr key={u.id}>
              <td className="whitespace-nowrap">{formatDateTime(u.at)}</td>
              <td>{u.ip ?? "—"}</td>
              <td>
                <code>
                  {u.method} {u.path}
                </code>
              </td>
              <td>{u.status}</td>
            </tr>
          )}
        />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Audit entries</h2>
        <AuditTable entries={audit} empty="No entries." showTarget={false} />
      </section>
    </>
  );
}
