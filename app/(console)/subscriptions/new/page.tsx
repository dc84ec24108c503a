import { requireAdminPage } from "@/lib/auth/guards";
import { reportOptions } from "@/lib/reports/repository";
import { TIME_ZONE_SUGGESTIONS } from "@/lib/schedules/schema";
import { scheduleFormValues } from "@/lib/schedules/subscription-schedule";
import { holidayCalendarOptions } from "@/lib/holidays/repository";
import { PageHeader } from "@/app/components/page-header";
import { SubscriptionForm } from "../subscription-form";

export default async function NewSubscriptionPage() {
  await requireAdminPage();
  const reports = await reportOptions();
  return (
    <>
      <PageHeader title="New subscription" />
      <SubscriptionForm
        reports={reports}
        timeZones={TIME_ZONE_SUGGESTIONS}
        calendars={await holidayCalendarOptions()}
        initial={{
          name: "",
          reportId: "",
          format: "pdf",
          recipients: "",
          subject: "",
          message: "",
          schedule: scheduleFormValues(),
        }}
      />
    </>
  );
}
