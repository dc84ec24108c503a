"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction } from "@/lib/auth/admin-action";
import { saveChoice, saveReport } from "@/lib/reports/repository";
import { reportFormSchema, saveChoiceSchema } from "@/lib/reports/schemas";

export const saveReportAction = adminAction(reportFormSchema, async (input, { actor }) => {
  const saved = await saveReport(input, actor);
  revalidatePath("/reports");
  revalidatePath(`/reports/${saved.id}`);
  redirect(`/reports/${saved.id}`);
});

/** Writeback of one row's choice in one data-input column; saved at once, no page reload. */
export const saveChoiceAction = adminAction(saveChoiceSchema, async (input, { user, actor }) => {
  const saved = await saveChoice(input, { ...actor, userId: user.id });
  return { valueIds: saved.valueIds };
});
