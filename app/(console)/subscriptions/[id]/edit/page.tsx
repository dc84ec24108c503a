import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guards";
import { isUuid } from "@/lib/forms/zod-helpers";
import { reportOptions } from "@/lib/reports/repository";
import { getSubscription } from "@/lib/subscriptions/repository";
import { recipientsFormValues } from "@/lib/subscriptions/recipient-modes";
import { TIME_ZONE_SUGGESTIONS } from "@/lib/schedules/schema";
import { scheduleFormValues } from "@/lib/schedules/subscription-schedule";
import { holidayCalendarOptions } from "@/lib/holidays/repository";
import { PageHeader } from "@/app/components/page-header";
import { SubscriptionForm } from "../../subscription-form";

export const metadata = { title: "Edit subscription" };

export default async function EditSubscriptionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  const row = isUuid(id) ? await getSubscription(id) : null;
  if (!row) notFound();
  const s = row.subscription;
  return (
    <>
      <PageHeader title={`Edit ${s.name}`} />
      <SubscriptionForm
        reports={await reportOptions()}
        timeZones={TIME_ZONE_SUGGESTIONS}
        deliveryOptions={{
          onlyWhenRows: s.onlyWhenRows,
          onlyWhenChanged: s.onlyWhenChanged,
          notifyOnFailure: s.notifyOnFailure,
        }}
        calendars={await holidayCalendarOptions()}
        initial={{
          id: s.id,
          name: s.name,
          reportId: s.reportId,
          format: s.format,
          ...recipientsFormValues(s),
          subject: s.subject,
          message: s.message,
          schedule: scheduleFormValues(s),
        }}
      />
    </>
  );
}
