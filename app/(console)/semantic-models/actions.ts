"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ActionError, adminAction } from "@/lib/auth/admin-action";
import { recordAudit } from "@/lib/audit/record";
import { RunTargetNotFoundError } from "@/lib/runs/errors";
import { startModelRefresh } from "@/lib/runs/start";
import { upsertModelSchedule } from "@/lib/schedules/sync";
import { saveSemanticModel, SemanticModelValidationError } from "@/lib/semantic-models/repository";
import { semanticModelFormSchema, semanticModelIdSchema } from "@/lib/semantic-models/schemas";

type Saved = { id: string; created: boolean };

export const saveSemanticModelAction = adminAction(
  semanticModelFormSchema,
  async (input, { user, ip }): Promise<Saved> => {
    let model;
    try {
      model = await saveSemanticModel(input);
    } catch (error) {
      if (error instanceof SemanticModelValidationError)
        throw new ActionError("Check the highlighted fields.", error.fieldErrors);
      throw error;
    }
    const created = !input.id;
    await recordAudit({
      action: created ? "semantic-model.created" : "semantic-model.updated",
      actorUserId: user.id,
      actorLabel: user.email,
      targetType: "semantic-model",
      targetId: model.id,
      ip,
      details: {
        name: model.name,
        sourceQuery: model.sourceQuery,
        labelColumn: model.labelColumn,
        idColumn: model.idColumn,
        refresh:
          model.refreshFrequency === "manual"
            ? "manual"
            : `${model.refreshFrequency} ${model.refreshTime} ${model.refreshTimeZone}`,
      },
    });
    await upsertModelSchedule(model);
    revalidatePath("/semantic-models");
    revalidatePath(`/semantic-models/${model.id}`);
    // A new model opens its own page; an edited one stays where it was edited.
    if (created) redirect(`/semantic-models/${model.id}`);
    return { id: model.id, created };
  },
);

export const refreshModelAction = adminAction(semanticModelIdSchema, async ({ id }, { user, ip }) => {
  let started;
  try {
    started = await startModelRefresh(id, { trigger: "console", userId: user.id, label: user.email, ip });
  } catch (error) {
    if (error instanceof RunTargetNotFoundError) throw new ActionError("This semantic model no longer exists.");
    throw error;
  }
  revalidatePath("/semantic-models");
  revalidatePath(`/semantic-models/${id}`);
  return { runId: started.run.id, created: started.created };
});
