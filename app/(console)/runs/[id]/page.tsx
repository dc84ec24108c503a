import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { canResend } from "@/app/components/delivery-status";
import { ResendToFailedButton } from "../../subscriptions/sending-buttons";
import { isUuid } from "@/lib/forms/zod-helpers";
import { getRunForConsole, listDeliveries } from "@/lib/runs/console-queries";
import { formatDateTime } from "@/app/components/format";
import { LiveRefresh } from "@/app/components/live-refresh";
import { MailHealthBanner } from "@/app/components/mail-health-banner";
import { PageHeader } from "@/app/components/page-header";
import { RunProgress } from "@/app/components/run-progress";
import { RunDeliveries, ignoredOf } from "./run-deliveries";
import { RetryNote, RunStatusBadge, runDuration, triggerLabel } from "@/app/components/run-labels";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const row = isUuid(id) ? await getRunForConsole(id) : null;
  if (!row) notFound();
  const { run } = row;
  const deliveries = run.kind === "subscription" ? await listDeliveries(run.id) : [];
  const target =
    run.kind === "subscription"
      ? { href: `/subscriptions/${run.subscriptionId}`, text: `Subscription ${row.subscriptionName ?? "(deleted)"}` }
      : { href: `/semantic-models/${run.semanticModelId}`, text: `Semantic model ${row.modelName ?? "(deleted)"}` };
  const timeline = [
    ["Queued", run.createdAt],
    ["Started", run.startedAt],
    ["Finished", run.finishedAt],
  ] as const;

  return (
    <>
      <PageHeader title={run.kind === "subscription" ? "Subscription run" : "Semantic model refresh"} />
      <LiveRefresh active={run.status === "queued" || run.status === "running"} />
      {run.status === "running" && run.retryAt && <MailHealthBanner />}
      <dl className="mb-6 grid max-w-3xl grid-cols-[10rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">Run</dt>
        <dd>
          <code>{run.id}</code>
        </dd>
        <dt className="text-slate-500">Target</dt>
        <dd>
          <Link className="text-blue-700 hover:underline" href={target.href}>
            {target.text}
          </Link>
        </dd>
        <dt className="text-slate-500">Trigger</dt>
        <dd>{triggerLabel(row)}</dd>
        <dt className="text-slate-500">Status</dt>
        <dd data-testid="run-status">
          <RunStatusBadge status={run.status} />
          <RetryNote run={run} />
        </dd>
        {run.status === "running" && run.progress && (
          <>
            <dt className="text-slate-500">Progress</dt>
            <dd>
              <RunProgress progress={run.progress} />
            </dd>
          </>
        )}
        <dt className="text-slate-500">Attempts</dt>
        <dd>{run.attempts}</dd>
        <dt className="text-slate-500">Duration</dt>
        <dd>{runDuration(run)}</dd>
      </dl>
      <h2 className="mb-2 text-lg font-semibold">Timeline</h2>
      <ol className="mb-6 max-w-3xl border-l-2 border-slate-300 pl-4 text-sm">
        {timeline.map(([label, at]) => (
          <li key={label} className={at ? "" : "text-slate-400"}>
            {label}: {formatDateTime(at)}
          </li>
        ))}
      </ol>
      {run.error && (
        <div role="alert" className="mb-6 max-w-3xl rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <strong>{run.status === "running" ? "Last attempt failed:" : "Error:"}</strong> {run.error.message}
        </div>
      )}
      {run.result && (
        <>
          <h2 className="mb-2 text-lg font-semibold">Result</h2>
          <dl className="mb-6 grid max-w-3xl grid-cols-[10rem_1fr] gap-y-1 text-sm">
            {Object.entries(run.result)
              .filter(([key]) => key !== "ignored")
              .map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="text-slate-500">{key}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
          </dl>
        </>
      )}
      {run.kind === "subscription" && (
        <RunDeliveries
          deliveries={deliveries}
          ignored={ignoredOf(run.result)}
          actions={
            user.role === "admin" &&
            run.subscriptionId &&
            canResend(run, deliveries) && <ResendToFailedButton runId={run.id} subscriptionId={run.subscriptionId} />
          }
        />
      )}
    </>
  );
}
