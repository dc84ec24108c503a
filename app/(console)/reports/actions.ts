"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ActionError, adminAction } from "@/lib/auth/admin-action";
import { recordAudit } from "@/lib/audit/record";
import { ReportValidationError, saveChoice, saveReport, unknownChoiceValues } from "@/lib/reports/repository";
import { reportFormSchema, saveChoiceSchema } from "@/lib/reports/schemas";

export const saveReportAction = adminAction(reportFormSchema, async (input, { user, ip }) => {
  let saved;
  try {
    saved = await saveReport(input);
  } catch (error) {
    if (error instanceof ReportValidationError)
      throw new ActionError("Check the highlighted fields.", error.fieldErrors);
    throw error;
  }
  await recordAudit({
    action: saved.created ? "report.created" : "report.updated",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "report",
    targetId: saved.id,
    ip,
    details: {
      name: input.name,
      query: input.query,
      keyColumn: input.keyColumn,
      inputColumns: input.inputColumns.map((c) => ({ name: c.name, type: c.type, semanticModelId: c.semanticModelId })),
    },
  });
  revalidatePath("/reports");
  revalidatePath(`/reports/${saved.id}`);
  redirect(`/reports/${saved.id}`);
});

/** Writeback of one row's choice in one data-input column; saved at once, no page reload. */
export const saveChoiceAction = adminAction(saveChoiceSchema, async (input, { user, ip }) => {
  const check = await unknownChoiceValues(input);
  if (!check) throw new ActionError("This data-input column no longer exists; reload the report.");
  if (check.unknown.length) throw new ActionError("That value is no longer in the model; reload the report.");
  const saved = await saveChoice({ ...input, userId: user.id });
  if (!saved) throw new ActionError("This data-input column no longer exists; reload the report.");
  await recordAudit({
    action: "report.choice-saved",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "report",
    targetId: check.reportId,
    ip,
    details: { columnId: input.columnId, rowKey: input.rowKey, valueIds: saved.valueIds },
  });
  return { valueIds: saved.valueIds };
});
