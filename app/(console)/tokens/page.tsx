import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guards";
import { pagePositionSchema, timeUuidCursor } from "@/lib/db/keyset-page";
import { parseSearchParams, type SearchParams } from "@/lib/forms/search-params";
import { pageTokens } from "@/lib/tokens/repository";
import { daysUntil, tokenStatus } from "@/lib/tokens/expiry";
import { PERMISSION_LABELS, permissionSchema } from "@/lib/tokens/permissions";
import { DataTable } from "@/app/components/data-table";
import { FormError } from "@/app/components/field-error";
import { Pager } from "@/app/components/pager";
import { PageHeader } from "@/app/components/page-header";
import { formatDate, formatDateTime } from "@/app/components/format";
import { StatusBadge } from "@/app/components/status-badge";
import { CreateTokenButton } from "./create-token";
import { RevokeTokenButton } from "./revoke-token";

const STATUS_STYLE = {
  Active: "bg-green-100 text-green-800",
  Expired: "bg-slate-200 text-slate-700",
  Revoked: "bg-red-100 text-red-800",
};

export const metadata = { title: "API tokens" };

export default async function TokensPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const params = await searchParams;
  const position = parseSearchParams(pagePositionSchema(timeUuidCursor), params, {});
  const page = position.ok ? await pageTokens(position.data) : { items: [], next: null, previous: null };
  const tokens = page.items;
  const now = new Date();
  return (
    <>
      <PageHeader title="API tokens">
        <CreateTokenButton />
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        External applications send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>. Tokens are
        stored only as a digest; the list shows a hint, never the token. Every call is described in the{" "}
        <Link href="/docs" className="text-blue-700 underline">
          API reference
        </Link>
        .
      </p>
      <FormError message={!position.ok && position.messages.join(" ")} className="mb-4" />
      <DataTable
        headers={["Name", "Token", "Permissions", "Created", "Expires", "Last used", "Status"]}
        actions
        items={tokens}
        empty="No API tokens yet. Create API Token makes one for an external application to call the API."
        row={(t) => {
          const status = tokenStatus(t, now);
          const days = daysUntil(t.expiresAt, now);
          return (
            <tr key={t.id}>
              <td>
                <div className="font-medium">{t.name}</div>
                {t.description && <div className="text-slate-500">{t.description}</div>}
              </td>
              <td>
                <code>{t.hint}…</code>
              </td>
              <td>
                {t.permissions.map((p) => (
                  <div key={p}>{PERMISSION_LABELS[permissionSchema.parse(p)]}</div>
                ))}
              </td>
              <td>
                {t.createdByEmail ?? "—"}
                <div className="text-slate-500">{formatDateTime(t.createdAt)}</div>
              </td>
              <td>
                {formatDate(t.expiresAt)}
                <div className="text-slate-500">{days > 0 ? `in ${days} day${days === 1 ? "" : "s"}` : "expired"}</div>
              </td>
              <td>
                {t.lastUsedAt ? (
                  <>
                    {formatDateTime(t.lastUsedAt)}
                    <div className="text-slate-500">{t.lastUsedIp ?? "unknown IP"}</div>
                  </>
                ) : (
                  "Never"
                )}
              </td>
              <td>
                <StatusBadge colors={STATUS_STYLE[status]}>{status}</StatusBadge>
              </td>
              <td>{status !== "Revoked" && <RevokeTokenButton id={t.id} name={t.name} />}</td>
            </tr>
          );
        }}
      />
      <Pager path="/tokens" params={params} next={page.next} previous={page.previous} label="Token pages" />
    </>
  );
}
