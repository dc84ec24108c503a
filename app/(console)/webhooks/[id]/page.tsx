import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guards";
import { isUuid } from "@/lib/forms/zod-helpers";
import { getEndpoint, hasOpenDeliveries, listDeliveries } from "@/lib/webhooks/repository";
import { formatDateTime } from "@/app/components/format";
import { LiveRefresh } from "@/app/components/live-refresh";
import { PageHeader } from "@/app/components/page-header";
import { DeleteEndpointButton, EndpointStatusButton, RedeliverButton, SendTestEventButton } from "../endpoint-forms";
import { WebhookStatusBadge } from "../status";
import { DataTable } from "@/app/components/data-table";

export const metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const endpoint = await getEndpoint(id);
  if (!endpoint) notFound();
  const [deliveries, live] = await Promise.all([listDeliveries(id), hasOpenDeliveries([id])]);
  return (
    <>
      <PageHeader title="Webhook endpoint">
        {endpoint.status === "active" && <SendTestEventButton id={id} />}
        <EndpointStatusButton id={id} status={endpoint.status} />
        <DeleteEndpointButton id={id} url={endpoint.url} />
      </PageHeader>
      <dl className="mb-6 grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium">URL</dt>
        <dd className="break-all">
          <code>{endpoint.url}</code>
        </dd>
        <dt className="font-medium">Events</dt>
        <dd>{endpoint.events.join(", ")}</dd>
        <dt className="font-medium">Description</dt>
        <dd>{endpoint.description || "—"}</dd>
        <dt className="font-medium">Status</dt>
        <dd>
          <WebhookStatusBadge status={endpoint.status} />{" "}
          {endpoint.disabledReason && <span className="text-slate-600">{endpoint.disabledReason}</span>}
          {endpoint.status === "active" && endpoint.failingSince && (
            <span className="text-amber-800">Failing since {formatDateTime(endpoint.failingSince)}</span>
          )}
        </dd>
        <dt className="font-medium">Created</dt>
        <dd>{formatDateTime(endpoint.createdAt)}</dd>
      </dl>

      <h2 className="mb-2 text-lg font-semibold">Deliveries</h2>
      <LiveRefresh active={live} />
      <DataTable
        headers={["Time", "Event", "Attempt", "Status", "Response status", "Duration"]}
        actions
        items={deliveries}
        empty="No deliveries yet."
        row={(delivery) => (
          <tr key={delivery.id}>
            <td>{formatDateTime(delivery.attemptedAt ?? delivery.scheduledAt)}</td>
            <td>
              <code>{delivery.type}</code>
              <div className="font-mono text-xs text-slate-500">{delivery.eventId}</div>
            </td>
            <td>
              {delivery.attempt}
              {delivery.manual && <span className="text-slate-500"> (manual)</span>}
            </td>
            <td>
              <WebhookStatusBadge status={delivery.status} />
              {delivery.error && <div className="max-w-xs text-xs text-red-800">{delivery.error}</div>}
              {delivery.nextAttemptAt && (
                <div className="text-xs text-slate-500">Next attempt {formatDateTime(delivery.nextAttemptAt)}</div>
              )}
            </td>
            <td>
              {delivery.responseStatus ?? "—"}
              {delivery.responseBody && (
                <details className="text-xs text-slate-500">
                  <summary>Response body</summary>
                  <pre className="max-w-xs whitespace-pre-wrap break-all">{delivery.responseBody}</pre>
                </details>
              )}
            </td>
            <td>{delivery.durationMs === null ? "—" : `${delivery.durationMs} ms`}</td>
            <td>
              {endpoint.status === "active" && delivery.status !== "pending" && delivery.status !== "sending" && (
                <RedeliverButton id={id} deliveryId={delivery.id} />
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}
