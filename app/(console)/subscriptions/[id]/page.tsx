import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { isUuid } from "@/lib/forms/zod-helpers";
import { pagePositionSchema, timeUuidCursor } from "@/lib/db/keyset-page";
import { parseSearchParams, type SearchParams } from "@/lib/forms/search-params";
import { deliveriesByRun, pageRunsForConsole } from "@/lib/runs/console-queries";
import { getSubscription } from "@/lib/subscriptions/repository";
import { FORMAT_LABELS } from "@/lib/subscriptions/schemas";
import { TriggerEndpoint } from "@/app/components/trigger-endpoint";
import { FormError } from "@/app/components/field-error";
import { LiveRefresh } from "@/app/components/live-refresh";
import { Pager } from "@/app/components/pager";
import { PageHeader } from "@/app/components/page-header";
import { DURATION_COLUMN, RunsTable, STATUS_COLUMN, TRIGGER_COLUMN } from "@/app/components/runs-table";
import { subscriptionScheduleText, subscriptionStatusText } from "@/app/components/subscription-schedule-text";
import { holidayCalendarNames } from "@/lib/holidays/repository";
import { SubscriptionActions } from "../row-actions";
import { RecipientsSummary } from "../recipients-summary";
import { SendingOptionsDetails, UnsubscribedAddresses } from "./sending-details";
import { ResendToFailedButton, SubscriptionSendingActions } from "../sending-buttons";
import { canResend, DeliveryStatus } from "@/app/components/delivery-status";

const RUNS_SHOWN = 20;

export const metadata = { title: "Subscription" };

export default async function SubscriptionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const row = isUuid(id) ? await getSubscription(id) : null;
  if (!row) notFound();
  const s = row.subscription;
  const query = await searchParams;
  const position = parseSearchParams(pagePositionSchema(timeUuidCursor), query, {});
  const page = position.ok
    ? await pageRunsForConsole({ subscriptionId: s.id }, position.data, RUNS_SHOWN)
    : { items: [], next: null, previous: null };
  const runs = page.items;
  const deliveries = await deliveriesByRun(runs.map((r) => r.run.id));
  const endpoint = `${appUrl()}/api/v1/subscriptions/${s.id}/runs`;
  const calendarNames = await holidayCalendarNames();
  const active = runs.some((r) => r.run.status === "queued" || r.run.status === "running");

  return (
    <>
      <PageHeader title={s.name}>
        {user.role === "admin" && <SubscriptionActions id={s.id} name={s.name} status={s.status} />}
      </PageHeader>
      {user.role === "admin" && (
        <div className="mb-4">
          <SubscriptionSendingActions id={s.id} />
        </div>
      )}
      <dl className="mb-6 grid max-w-3xl grid-cols-[10rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">Report</dt>
        <dd>
          <Link className="text-blue-700 hover:underline" href={`/reports/${s.reportId}`}>
            {row.reportName}
          </Link>
        </dd>
        <dt className="text-slate-500">Format</dt>
        <dd>{FORMAT_LABELS[s.format]}</dd>
        <dt className="text-slate-500">Recipients</dt>
        <dd>
          <RecipientsSummary subscription={s} />
        </dd>
        <dt className="text-slate-500">Subject</dt>
        <dd>{s.subject}</dd>
        <dt className="text-slate-500">Schedule</dt>
        <dd>{subscriptionScheduleText(s, s.holidayCalendarId && calendarNames.get(s.holidayCalendarId))}</dd>
        <dt className="text-slate-500">Status</dt>
        <dd>{subscriptionStatusText(s)}</dd>
        <SendingOptionsDetails subscription={s} />
      </dl>
      <section className="mb-8 max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Trigger endpoint</h2>
        <TriggerEndpoint
          id="trigger-endpoint"
          label="Trigger endpoint"
          url={endpoint}
          permission="Execute a new subscription"
        />
      </section>
      <h2 className="mb-2 text-lg font-semibold">Runs</h2>
      <LiveRefresh active={active} />
      <FormError message={!position.ok && position.messages.join(" ")} className="mb-4" />
      <RunsTable
        rows={runs}
        createdHeader="Started"
        columns={[
          TRIGGER_COLUMN,
          STATUS_COLUMN,
          DURATION_COLUMN,
          {
            header: "Deliveries",
            cell: (r) => (
              <>
                <ul>
                  {(deliveries.get(r.run.id) ?? []).map((d) => (
                    <li key={d.id}>
                      {d.recipient}: <DeliveryStatus delivery={d} />
                    </li>
                  ))}
                </ul>
                {user.role === "admin" && canResend(r.run, deliveries.get(r.run.id) ?? []) && (
                  <ResendToFailedButton runId={r.run.id} subscriptionId={s.id} />
                )}
              </>
            ),
          },
        ]}
        empty="No runs yet."
      />
      <Pager
        path={`/subscriptions/${s.id}`}
        params={query}
        next={page.next}
        previous={page.previous}
        label="Runs pages"
      />
      <UnsubscribedAddresses subscriptionId={s.id} canEdit={user.role === "admin"} />
    </>
  );
}
