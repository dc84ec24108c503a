import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { isUuid } from "@/lib/forms/zod-helpers";
import { listRuns } from "@/lib/runs/queries";
import { getSemanticModel, previewValues, PREVIEW_SIZE } from "@/lib/semantic-models/repository";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { TriggerEndpoint } from "@/app/components/trigger-endpoint";
import { LiveRefresh } from "@/app/components/live-refresh";
import { DURATION_COLUMN, RunsTable, STATUS_COLUMN } from "@/app/components/runs-table";
import { refreshScheduleText } from "@/app/components/schedule-text";
import { formValuesOf, timeZoneChoices } from "../form-values";
import { SemanticModelForm } from "../model-form";
import { RefreshNowButton } from "../refresh-now";
import { refreshResultOf } from "../refresh-result";

// The refresh history shows the latest runs; older ones stay on /runs and in the API.
const HISTORY_SIZE = 50;

export const metadata = { title: "Semantic model" };

export default async function SemanticModelPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const model = await getSemanticModel(id);
  if (!model) notFound();
  const isAdmin = user.role === "admin";
  const [values, runs] = await Promise.all([previewValues(id), listRuns({ semanticModelId: id }, HISTORY_SIZE, null)]);
  const history = runs.slice(0, HISTORY_SIZE);
  const active = history.some((run) => run.status === "queued" || run.status === "running");
  const endpoint = `${appUrl().replace(/\/+$/, "")}/api/v1/semantic-models/${id}/refreshes`;

  return (
    <>
      <LiveRefresh active={active} message={null} />
      <PageHeader title={model.name}>
        {isAdmin && (
          <Link href="#edit" className="btn">
            Edit
          </Link>
        )}
        {isAdmin && <RefreshNowButton id={id} />}
      </PageHeader>

      <dl className="mb-8 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">Refresh schedule</dt>
        <dd>{refreshScheduleText(model)}</dd>
        <dt className="font-medium text-slate-600">Values</dt>
        <dd>{model.valuesCount}</dd>
        <dt className="font-medium text-slate-600">Last refreshed</dt>
        <dd>{model.lastRefreshedAt ? formatDateTime(model.lastRefreshedAt) : "Never"}</dd>
        <dt className="font-medium text-slate-600">Label / ID column</dt>
        <dd>
          <code>{model.labelColumn}</code> / <code>{model.idColumn}</code>
        </dd>
        {!isAdmin && (
          <>
            <dt className="font-medium text-slate-600">Source query</dt>
            <dd>
              <pre className="whitespace-pre-wrap font-mono text-xs">{model.sourceQuery}</pre>
            </dd>
          </>
        )}
      </dl>

      <section className="mb-8 max-w-3xl">
        <h2 className="mb-2 text-lg font-semibold">Trigger from another application</h2>
        <TriggerEndpoint
          id="refresh-link"
          label="Refresh link"
          url={endpoint}
          permission="Refresh a semantic data input model"
        />
      </section>

      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">Current values</h2>
        <p className="mb-2 text-sm text-slate-600">
          {model.valuesCount} value{model.valuesCount === 1 ? "" : "s"}
          {model.valuesCount > PREVIEW_SIZE ? `; the first ${PREVIEW_SIZE} by label are shown` : ""}.
        </p>
        <DataTable
          className="max-w-3xl"
          headers={["Label", "ID"]}
          items={values}
          empty={`No values yet. ${isAdmin ? "Use Refresh now to load them." : ""}`}
          row={(v) => (
            <tr key={v.valueId}>
              <td>{v.label}</td>
              <td>
                <code>{v.valueId}</code>
              </td>
            </tr>
          )}
        />
      </section>

      <section className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">Refresh history</h2>
        <RunsTable
          rows={history.map((run) => ({ run, result: refreshResultOf(run) }))}
          createdHeader="Time"
          columns={[
            { header: "Trigger", cell: (r) => r.run.trigger },
            STATUS_COLUMN,
            { header: "Values", cell: (r) => (r.result ? r.result.values : "—") },
            { header: "Added / removed", cell: (r) => (r.result ? `+${r.result.added} / −${r.result.removed}` : "—") },
            DURATION_COLUMN,
          ]}
          empty="Not refreshed yet."
        />
      </section>

      {isAdmin && (
        <section id="edit" className="scroll-mt-6">
          <h2 className="mb-2 text-lg font-semibold">Definition</h2>
          <SemanticModelForm initial={formValuesOf(model)} timeZones={timeZoneChoices()} />
        </section>
      )}
    </>
  );
}
