"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ActionError, adminAction, type ActionState } from "@/lib/auth/admin-action";
import { recordAudit } from "@/lib/audit/record";
import { RunTargetNotFoundError } from "@/lib/runs/errors";
import { startModelRefresh } from "@/lib/runs/start";
import { saveSemanticModel, SemanticModelValidationError } from "@/lib/semantic-models/repository";
import { semanticModelFormSchema, semanticModelIdSchema } from "@/lib/semantic-models/schemas";

type Saved = { id: string; created: boolean };

const save = adminAction(semanticModelFormSchema, async (input, { user, ip }): Promise<Saved> => {
  let model;
  try {
    model = await saveSemanticModel(input);
  } catch (error) {
    if (error instanceof SemanticModelValidationError) throw new ActionError("Check the highlighted fields.", error.fieldErrors);
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
      labelColumn: model.labelColumn,
      idColumn: model.idColumn,
      refresh: model.refreshFrequency === "manual" ? "manual" : `${model.refreshFrequency} ${model.refreshTime} ${model.refreshTimeZone}`,
    },
  });
  revalidatePath("/semantic-models");
  revalidatePath(`/semantic-models/${model.id}`);
  return { id: model.id, created };
});

/** Creates or updates a model; a new one opens its own page (redirect stays outside adminAction, which would catch it). */
export async function saveSemanticModelAction(previous: ActionState<Saved>, formData: FormData): Promise<ActionState<Saved>> {
  const result = await save(previous, formData);
  if (result?.ok && result.data.created) redirect(`/semantic-models/${result.data.id}`);
  return result;
}

export const refreshModelAction = adminAction(semanticModelIdSchema, async ({ id }, { user, ip }) => {
  let started;
  try {
    started = await startModelRefresh(id, { trigger: "console", userId: user.id });
  } catch (error) {
    if (error instanceof RunTargetNotFoundError) throw new ActionError("This semantic model no longer exists.");
    throw error;
  }
  await recordAudit({
    action: "semantic-model.refresh-requested",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "semantic-model",
    targetId: id,
    ip,
    details: { runId: started.run.id, joinedQueuedRun: !started.created },
  });
  revalidatePath("/semantic-models");
  revalidatePath(`/semantic-models/${id}`);
  return { runId: started.run.id, created: started.created };
});
