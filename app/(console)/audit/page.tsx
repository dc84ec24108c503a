import { z } from "zod";
import { requireAdminPage } from "@/lib/auth/guards";
import { auditFilterSchema } from "@/lib/audit/filter";
import { pageAuditEvents } from "@/lib/audit/list";
import { pagePositionSchema, timeSerialCursor } from "@/lib/db/keyset-page";
import { parseSearchParams, type SearchParams } from "@/lib/forms/search-params";
import { AuditTable } from "@/app/components/audit-table";
import { FormError } from "@/app/components/field-error";
import { PageHeader } from "@/app/components/page-header";
import { Pager } from "@/app/components/pager";

const LABELS = { actor: "Actor", action: "Action", token: "Token", from: "From", to: "To" } as const;

// The filter fields and the page position, each field optional.
const querySchema = z.object({
  filter: auditFilterSchema,
  position: pagePositionSchema(timeSerialCursor),
});

const TEXT_FIELDS = [
  { name: "actor", placeholder: "admin@example.com or a token name" },
  { name: "action", placeholder: "token.created" },
  { name: "token", placeholder: "token name or id" },
] as const;

const field = (params: SearchParams, name: string) => {
  const value = params[name];
  return typeof value === "string" ? value : "";
};

export const metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const params = await searchParams;
  const query = parseSearchParams(querySchema, { filter: params, position: params }, LABELS);
  const page = query.ok
    ? await pageAuditEvents(query.data.filter, query.data.position)
    : { items: [], next: null, previous: null, unknownToken: false };
  const problems = query.ok ? (page.unknownToken ? ["Token: no token has this name or id."] : []) : query.messages;

  return (
    <>
      <PageHeader title="Audit" />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-4" aria-label="Filter audit events">
        {TEXT_FIELDS.map((f) => (
          <div key={f.name}>
            <label htmlFor={`filter-${f.name}`} className="text-sm font-medium">
              {LABELS[f.name]}
            </label>
            <input
              id={`filter-${f.name}`}
              name={f.name}
              defaultValue={field(params, f.name)}
              placeholder={f.placeholder}
              className="input"
            />
          </div>
        ))}
        {(["from", "to"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`filter-${name}`} className="text-sm font-medium">
              {LABELS[name]} (UTC)
            </label>
            <input
              id={`filter-${name}`}
              name={name}
              type="datetime-local"
              defaultValue={field(params, name)}
              className="input"
            />
          </div>
        ))}
        <button type="submit" className="btn">
          Filter
        </button>
      </form>
      <FormError message={problems.join(" ")} className="mb-4" />
      <AuditTable entries={page.items} empty="No audit events match." />
      <Pager path="/audit" params={params} next={page.next} previous={page.previous} label="Audit pages" />
    </>
  );
}
