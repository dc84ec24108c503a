import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { deliveriesPerDay, OVERVIEW_DAYS, runsPerDay, type DeliveryDay, type RunDay } from "@/lib/overview/daily";
import {
  EXPIRING_WITHIN_DAYS,
  expiringTokens,
  latestFailures,
  UPCOMING_HOURS,
  upcomingScheduledRuns,
  webhookHealth,
} from "@/lib/overview/attention";
import { ChartFigure } from "@/app/components/charts/chart-figure";
import { DataTable } from "@/app/components/data-table";
import { formatDateTime } from "@/app/components/format";
import { PageHeader } from "@/app/components/page-header";
import { RUN_KIND_LABELS } from "@/app/components/run-labels";

export const metadata = { title: "Overview" };

// Chart colours: at least 3:1 against white, as WCAG asks of graphics, and told apart by more than hue in the legend.
const SUCCEEDED = "#15803d";
const FAILED = "#b91c1c";
const SENT = "#1d4ed8";
const DAY_MS = 86_400_000;

const succeeded = (row: RunDay) => row.subscriptionSucceeded + row.refreshSucceeded;
const failed = (row: RunDay) => row.subscriptionFailed + row.refreshFailed;
const sum = <T,>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

export default async function HomePage() {
  const user = await requireUser();
  const admin = user.role === "admin";
  const now = new Date();
  const [runDays, deliveryDays, upcoming, failures, tokens, webhooks] = await Promise.all([
    runsPerDay(now),
    deliveriesPerDay(now),
    upcomingScheduledRuns(now),
    latestFailures(),
    admin ? expiringTokens(now) : Promise.resolve([]),
    admin ? webhookHealth() : Promise.resolve({ hasEndpoints: false, failing: [] }),
  ]);

  return (
    <>
      <PageHeader title="Overview" />
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartFigure<RunDay>
          id="runs-chart"
          title="Runs per day"
          summary={`Last ${OVERVIEW_DAYS} days: ${sum(runDays, succeeded)} succeeded, ${sum(runDays, failed)} failed (subscription runs and semantic model refreshes).`}
          rows={runDays}
          series={[
            { key: "succeeded", label: "Succeeded", color: SUCCEEDED, value: succeeded },
            { key: "failed", label: "Failed", color: FAILED, value: failed },
          ]}
          columns={[
            { header: "Succeeded", value: succeeded },
            { header: "Failed", value: failed },
            { header: "Subscription runs succeeded", value: (row) => row.subscriptionSucceeded },
            { header: "Subscription runs failed", value: (row) => row.subscriptionFailed },
            { header: "Refreshes succeeded", value: (row) => row.refreshSucceeded },
            { header: "Refreshes failed", value: (row) => row.refreshFailed },
          ]}
        />
        <ChartFigure<DeliveryDay>
          id="deliveries-chart"
          title="Deliveries per day"
          summary={`Last ${OVERVIEW_DAYS} days: ${sum(deliveryDays, (row) => row.sent)} e-mails sent, ${sum(deliveryDays, (row) => row.failed)} failed.`}
          rows={deliveryDays}
          series={[
            { key: "sent", label: "Sent", color: SENT, value: (row) => row.sent },
            { key: "failed", label: "Failed", color: FAILED, value: (row) => row.failed },
          ]}
          columns={[
            { header: "Sent", value: (row) => row.sent },
            { header: "Failed", value: (row) => row.failed },
          ]}
        />
      </div>

      <section aria-labelledby="upcoming-title" className="mt-8">
        <h2 id="upcoming-title" className="mb-2 text-lg font-semibold">
          Next {UPCOMING_HOURS} hours
        </h2>
        <DataTable
          headers={["When", "What", "Name"]}
          items={upcoming}
          empty={`Nothing is scheduled in the next ${UPCOMING_HOURS} hours. Subscriptions and semantic models with a schedule show up here.`}
          row={(item) => (
            <tr key={`${item.kind}-${item.id}`}>
              <td className="whitespace-nowrap">{formatDateTime(item.at)}</td>
              <td>{RUN_KIND_LABELS[item.kind]}</td>
              <td>
                <Link
                  className="text-blue-700 hover:underline"
                  href={item.kind === "subscription" ? `/subscriptions/${item.id}` : `/semantic-models/${item.id}`}
                >
                  {item.name}
                </Link>
              </td>
            </tr>
          )}
        />
      </section>

      {admin && (
        <section aria-labelledby="expiring-title" className="mt-8">
          <h2 id="expiring-title" className="mb-2 text-lg font-semibold">
            Tokens expiring within {EXPIRING_WITHIN_DAYS} days
          </h2>
          <DataTable
            headers={["Name", "Token", "Expires"]}
            items={tokens}
            empty={`No active token expires in the next ${EXPIRING_WITHIN_DAYS} days.`}
            row={(token) => (
              <tr key={token.id}>
                <td>
                  <Link className="text-blue-700 hover:underline" href="/tokens">
                    {token.name}
                  </Link>
                </td>
                <td>
                  <code>{token.hint}…</code>
                </td>
                <td className="whitespace-nowrap">
                  {formatDateTime(token.expiresAt)} (in {daysUntil(token.expiresAt, now)})
                </td>
              </tr>
            )}
          />
        </section>
      )}

      <section aria-labelledby="failures-title" className="mt-8">
        <h2 id="failures-title" className="mb-2 text-lg font-semibold">
          Latest failures
        </h2>
        <DataTable
          headers={["Finished", "Run", "Error"]}
          items={failures}
          empty="No run has failed. Failed runs show here with their errors."
          row={(failure) => (
            <tr key={failure.id}>
              <td className="whitespace-nowrap">{formatDateTime(failure.finishedAt)}</td>
              <td>
                <Link className="text-blue-700 hover:underline" href={`/runs/${failure.id}`}>
                  {failure.kind === "subscription"
                    ? `Subscription ${failure.subscriptionName ?? "(deleted)"}`
                    : `Semantic model ${failure.modelName ?? "(deleted)"}`}
                </Link>
              </td>
              <td className="text-red-800">{failure.error?.message ?? "—"}</td>
            </tr>
          )}
        />
      </section>

      {admin && webhooks.hasEndpoints && (
        <section aria-labelledby="webhooks-title" className="mt-8">
          <h2 id="webhooks-title" className="mb-2 text-lg font-semibold">
            Failing webhook endpoints
          </h2>
          <DataTable
            headers={["Endpoint", "Status", "Failing since"]}
            items={webhooks.failing}
            empty="Every webhook endpoint delivered its last event."
            row={(endpoint) => (
              <tr key={endpoint.id}>
                <td className="break-all">
                  <Link className="text-blue-700 hover:underline" href={`/webhooks/${endpoint.id}`}>
                    {endpoint.url}
                  </Link>
                </td>
                <td>{endpoint.status === "disabled" ? `Disabled: ${endpoint.disabledReason ?? ""}` : "Active"}</td>
                <td className="whitespace-nowrap">{formatDateTime(endpoint.failingSince)}</td>
              </tr>
            )}
          />
        </section>
      )}
    </>
  );
}

function daysUntil(at: Date, now: Date): string {
  const days = Math.ceil((at.getTime() - now.getTime()) / DAY_MS);
  return days === 1 ? "1 day" : `${days} days`;
}
