"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction } from "@/lib/auth/admin-action";
import { deleteHolidayCalendar, saveHolidayCalendar } from "@/lib/holidays/repository";
import { holidayCalendarFormSchema, holidayCalendarIdSchema } from "@/lib/holidays/schemas";

export const saveHolidayCalendarAction = adminAction(holidayCalendarFormSchema, async (input, { actor }) => {
  await saveHolidayCalendar(input, actor);
  revalidatePath("/settings/holidays");
  redirect("/settings/holidays");
});

export const deleteHolidayCalendarAction = adminAction(holidayCalendarIdSchema, async ({ id }, { actor }) => {
  await deleteHolidayCalendar(id, actor);
  revalidatePath("/settings/holidays");
  return { id };
});
