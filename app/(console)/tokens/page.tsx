import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guards";
import { pagePositionSchema, timeUuidCursor } from "@/lib/db/keyset-page";
import { parseSearchParams, type SearchParams } from "@/lib/forms/search-params";
import { pageTokens } from "@/lib/tokens/repository";
import { scopeOptions } from "@/lib/tokens/scope-options";
import { tokenStatus } from "@/lib/tokens/expiry";
import { PERMISSION_LABELS, permissionSchema } from "@/lib/tokens/permissions";
import { DataTable } from "@/app/components/data-table";
import { FormError } from "@/app/components/field-error";
import { Pager } from "@/app/components/pager";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { StatusBadge } from "@/app/components/status-badge";
import { CreateTokenButton } from "./create-token";
import { RevokeTokenButton } from "./revoke-token";
import { RegenerateTokenButton } from "./regenerate-token";
import { PostmanDownloadButton } from "./postman-download";
import { ExpiryText, OldSecretText } from "./expiry-text";

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
  const [page, options] = await Promise.all([
    position.ok ? pageTokens(position.data) : { items: [], next: null, previous: null },
    scopeOptions(),
  ]);
  const tokens = page.items;
  const now = new Date();
  return (
    <>
      <PageHeader title="API tokens">
        <div className="flex gap-2">
          <PostmanDownloadButton />
          <CreateTokenButton options={options} />
        </div>
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
          return (
            <tr key={t.id}>
              <td>
                <Link href={`/tokens/${t.id}`} className="font-medium text-blue-700 hover:underline">
                  {t.name}
                </Link>
                {t.description && <div className="text-slate-500">{t.description}</div>}
              </td>
              <td>
                <code>{t.hint}…</code>
                <OldSecretText previousHint={t.previousHint} previousValidUntil={t.previousValidUntil} now={now} />
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
                <ExpiryText expiresAt={t.expiresAt} active={status === "Active"} now={now} />
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
              <td>
                <div className="flex gap-2">
                  {status === "Active" && <RegenerateTokenButton id={t.id} name={t.name} />}
                  {status !== "Revoked" && <RevokeTokenButton id={t.id} name={t.name} />}
                </div>
              </td>
            </tr>
          );
        }}
      />
      <Pager path="/tokens" params={params} next={page.next} previous={page.previous} label="Token pages" />
    </>
  );
}
