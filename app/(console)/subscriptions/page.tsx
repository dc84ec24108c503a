import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listSubscriptions } from "@/lib/subscriptions/repository";
import { FORMAT_LABELS } from "@/lib/subscriptions/schemas";
import { nextSubscriptionRunAt } from "@/lib/schedules/next-run";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { RunStatusBadge } from "@/app/components/run-labels";
import { subscriptionScheduleText, subscriptionStatusText } from "@/app/components/subscription-schedule-text";
import { holidayCalendarNames, holidaysById } from "@/lib/holidays/repository";
import { SubscriptionActions } from "./row-actions";

export default async function SubscriptionsPage() {
  const user = await requireUser();
  const [rows, holidays, calendarNames] = await Promise.all([
    listSubscriptions(),
    holidaysById(),
    holidayCalendarNames(),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader title="Subscriptions">
        {user.role === "admin" && (
          <Link href="/subscriptions/new" className="btn-primary">
            New subscription
          </Link>
        )}
      </PageHeader>
      <DataTable
        headers={["Name", "Report", "Format", "Schedule", "Next run", "Last run", "Status"]}
        actions
        items={rows}
        empty="No subscriptions yet."
        row={({ subscription: s, reportName, lastRunAt, lastRunStatus }) => (
          <tr key={s.id}>
            <td>
              <Link href={`/subscriptions/${s.id}`} className="font-medium text-blue-700 hover:underline">
                {s.name}
              </Link>
            </td>
            <td>{reportName}</td>
            <td>{FORMAT_LABELS[s.format]}</td>
            <td>{subscriptionScheduleText(s, s.holidayCalendarId && calendarNames.get(s.holidayCalendarId))}</td>
            <td>
              {s.status === "active"
                ? formatDateTime(nextSubscriptionRunAt(s, now, holidays.get(s.holidayCalendarId ?? "")))
                : "—"}
            </td>
            <td>
              {lastRunAt ? (
                <>
                  {formatDateTime(lastRunAt)} {lastRunStatus && <RunStatusBadge status={lastRunStatus} />}
                </>
              ) : (
                "Never"
              )}
            </td>
            <td>{subscriptionStatusText(s, now)}</td>
            <td>{user.role === "admin" && <SubscriptionActions id={s.id} name={s.name} status={s.status} />}</td>
          </tr>
        )}
      />
    </>
  );
}
