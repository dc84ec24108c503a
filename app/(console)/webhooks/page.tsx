import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guards";
import { listEndpoints } from "@/lib/webhooks/repository";
import { formatDateTime } from "@/app/components/format";
import { PageHeader } from "@/app/components/page-header";
import { AddEndpointButton, EndpointStatusButton } from "./endpoint-forms";
import { WebhookStatusBadge } from "./status";

export default async function WebhooksPage() {
  await requireAdminPage();
  const endpoints = await listEndpoints();
  return (
    <>
      <PageHeader title="Webhooks">
        <AddEndpointButton />
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        Sluice POSTs a signed JSON event to each endpoint when a run succeeds or fails and when an API token enters its
        last 7 days, so callers need not poll. Signatures follow Standard Webhooks.
      </p>
      <table className="table bg-white">
        <thead>
          <tr>
            <th>URL</th>
            <th>Events</th>
            <th>Created</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {endpoints.length === 0 && (
            <tr>
              <td colSpan={5} className="text-slate-500">
                No endpoints yet.
              </td>
            </tr>
          )}
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id}>
              <td className="max-w-md break-all">
                <Link href={`/webhooks/${endpoint.id}`} className="font-medium text-blue-700 hover:underline">
                  {endpoint.url}
                </Link>
                {endpoint.description && <div className="text-slate-500">{endpoint.description}</div>}
              </td>
              <td>
                {endpoint.events.map((event) => (
                  <div key={event}>
                    <code>{event}</code>
                  </div>
                ))}
              </td>
              <td>{formatDateTime(endpoint.createdAt)}</td>
              <td>
                <WebhookStatusBadge status={endpoint.status} />
                {endpoint.disabledReason && <div className="text-slate-500">{endpoint.disabledReason}</div>}
              </td>
              <td>
                <EndpointStatusButton id={endpoint.id} status={endpoint.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
