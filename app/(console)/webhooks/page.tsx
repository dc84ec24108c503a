import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/guards";
import { listEndpoints } from "@/lib/webhooks/repository";
import { DataTable } from "@/app/components/data-table";
import { formatDateTime } from "@/app/components/format";
import { PageHeader } from "@/app/components/page-header";
import { AddEndpointButton, EndpointStatusButton } from "./endpoint-forms";
import { WebhookStatusBadge } from "./status";

export const metadata = { title: "Webhooks" };

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
      <DataTable
        headers={["URL", "Events", "Created", "Status"]}
        actions
        items={endpoints}
        empty="No endpoints yet. Add endpoint to have run and token events POSTed to your URL."
        row={(endpoint) => (
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
        )}
      />
    </>
  );
}
