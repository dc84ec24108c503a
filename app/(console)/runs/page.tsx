import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { pagePositionSchema, timeUuidCursor } from "@/lib/db/keyset-page";
import { parseSearchParams } from "@/lib/forms/search-params";
import { pageRunsForConsole } from "@/lib/runs/console-queries";
import { FormError } from "@/app/components/field-error";
import { LiveRefresh } from "@/app/components/live-refresh";
import { MailHealthBanner } from "@/app/components/mail-health-banner";
import { PageHeader } from "@/app/components/page-header";
import { Pager } from "@/app/components/pager";
import { RUN_KIND_LABELS } from "@/app/components/run-labels";
import { DURATION_COLUMN, RunsTable, STATUS_COLUMN, TRIGGER_COLUMN } from "@/app/components/runs-table";

// Unknown filter values are ignored rather than failing the page.
const filterSchema = z.object({
  kind: z.enum(["subscription", "semantic-model-refresh"]).optional().catch(undefined),
  status: z.enum(["queued", "running", "succeeded", "failed"]).optional().catch(undefined),
  trigger: z.enum(["api", "schedule", "console"]).optional().catch(undefined),
});

const FILTERS = [
  {
    name: "kind",
    label: "Kind",
    options: [
      ["subscription", "Subscription run"],
      ["semantic-model-refresh", "Semantic model refresh"],
    ],
  },
  {
    name: "status",
    label: "Status",
    options: [
      ["queued", "Queued"],
      ["running", "Running"],
      ["succeeded", "Succeeded"],
      ["failed", "Failed"],
    ],
  },
  {
    name: "trigger",
    label: "Trigger",
    options: [
      ["api", "API"],
      ["schedule", "Schedule"],
      ["console", "Console"],
    ],
  },
] as const;

export const metadata = { title: "Runs" };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const params = await searchParams;
  const filter = filterSchema.parse(params);
  const position = parseSearchParams(pagePositionSchema(timeUuidCursor), params, {});
  const page = position.ok
    ? await pageRunsForConsole(filter, position.data)
    : { items: [], next: null, previous: null };
  const rows = page.items;
  const active = rows.some((r) => r.run.status === "queued" || r.run.status === "running");
  return (
    <>
      <PageHeader title="Runs" />
      <MailHealthBanner />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-4" aria-label="Filter runs">
        {FILTERS.map((f) => (
          <div key={f.name}>
            <label htmlFor={`filter-${f.name}`} className="text-sm font-medium">
              {f.label}
            </label>
            <select id={`filter-${f.name}`} name={f.name} defaultValue={filter[f.name] ?? ""} className="input">
              <option value="">Any</option>
              {f.options.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className="btn">
          Filter
        </button>
      </form>
      <LiveRefresh active={active} />
      <FormError message={!position.ok && position.messages.join(" ")} className="mb-4" />
      <RunsTable
        rows={rows}
        createdHeader="Created"
        columns={[
          { header: "Kind", cell: (r) => RUN_KIND_LABELS[r.run.kind] },
          { header: "Target", cell: (r) => r.subscriptionName ?? r.modelName ?? "—" },
          TRIGGER_COLUMN,
          STATUS_COLUMN,
          { header: "Attempts", cell: (r) => r.run.attempts },
          DURATION_COLUMN,
        ]}
        empty="No runs match. Runs appear here when a subscription is sent or a semantic model refreshed."
      />
      <Pager path="/runs" params={params} next={page.next} previous={page.previous} label="Runs pages" />
    </>
  );
}
