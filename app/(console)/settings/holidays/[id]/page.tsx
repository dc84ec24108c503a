import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guards";
import { isUuid } from "@/lib/forms/zod-helpers";
import { getHolidayCalendar } from "@/lib/holidays/repository";
import { PageHeader } from "@/app/components/page-header";
import { HolidayCalendarForm } from "../holiday-forms";

export default async function EditHolidayCalendarPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  const calendar = isUuid(id) ? await getHolidayCalendar(id) : null;
  if (!calendar) notFound();
  return (
    <>
      <PageHeader title={`Edit ${calendar.name}`} />
      <HolidayCalendarForm initial={{ id: calendar.id, name: calendar.name, dates: calendar.dates.join("\n") }} />
    </>
  );
}
