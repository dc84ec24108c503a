import Link from "next/link";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { listRunsForConsole } from "@/lib/runs/console-queries";
import { formatDateTime } from "@/app/components/format";
import { LiveRefresh } from "@/app/components/live-refresh";
import { MailHealthBanner } from "@/app/components/mail-health-banner";
import { PageHeader } from "@/app/components/page-header";
import { RetryNote, RunStatusBadge, runDuration, triggerLabel } from "@/app/components/run-labels";

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

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const filter = filterSchema.parse(await searchParams);
  const rows = await listRunsForConsole(filter);
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
      <table className="table bg-white">
        <thead>
          <tr>
            <th>Created</th>
            <th>Kind</th>
            <th>Target</th>
            <th>Trigger</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Duration</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="text-slate-500">
                No runs match.
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.run.id}>
              <td>
                <Link href={`/runs/${r.run.id}`} className="text-blue-700 hover:underline">
                  {formatDateTime(r.run.createdAt)}
                </Link>
              </td>
              <td>{r.run.kind === "subscription" ? "Subscription run" : "Semantic model refresh"}</td>
              <td>{r.subscriptionName ?? r.modelName ?? "—"}</td>
              <td>{triggerLabel(r)}</td>
              <td>
                <RunStatusBadge status={r.run.status} />
                <RetryNote run={r.run} />
              </td>
              <td>{r.run.attempts}</td>
              <td>{runDuration(r.run)}</td>
              <td className="text-red-700">{r.run.error?.message ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
