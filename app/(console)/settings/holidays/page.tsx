import { requireAdminPage } from "@/lib/auth/guards";
import { listHolidayCalendars } from "@/lib/holidays/repository";
import { DataTable } from "@/app/components/data-table";
import { formatDateTime } from "@/app/components/format";
import { PageHeader } from "@/app/components/page-header";
import { HolidayCalendarActions, HolidayCalendarForm } from "./holiday-forms";

// A row shows the first dates; the edit page shows them all.
const DATES_SHOWN = 6;

export default async function HolidaysPage() {
  await requireAdminPage();
  const calendars = await listHolidayCalendars();
  return (
    <>
      <PageHeader title="Holidays" />
      <p className="mb-4 text-sm text-slate-600">
        A subscription with <strong>Skip holidays</strong> set to a calendar does not run on its dates.
      </p>
      <DataTable
        headers={["Name", "Dates", "Updated"]}
        actions
        items={calendars}
        empty="No holiday calendars yet."
        row={(c) => (
          <tr key={c.id}>
            <td className="font-medium">{c.name}</td>
            <td>
              {c.dates.length === 0
                ? "None"
                : `${c.dates.slice(0, DATES_SHOWN).join(", ")}${c.dates.length > DATES_SHOWN ? ` and ${c.dates.length - DATES_SHOWN} more` : ""}`}
            </td>
            <td>{formatDateTime(c.updatedAt)}</td>
            <td>
              <HolidayCalendarActions id={c.id} name={c.name} />
            </td>
          </tr>
        )}
      />
      <h2 className="mt-8 mb-2 text-lg font-semibold">New holiday calendar</h2>
      <HolidayCalendarForm initial={{ name: "", dates: "" }} />
    </>
  );
}
