"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction } from "@/lib/auth/admin-action";
import { startModelRefresh } from "@/lib/runs/start";
import { saveSemanticModel } from "@/lib/semantic-models/repository";
import { semanticModelFormSchema, semanticModelIdSchema } from "@/lib/semantic-models/schemas";

type Saved = { id: string; created: boolean };

export const saveSemanticModelAction = adminAction(
  semanticModelFormSchema,
  async (input, { actor }): Promise<Saved> => {
    const model = await saveSemanticModel(input, actor);
    const created = !input.id;
    revalidatePath("/semantic-models");
    revalidatePath(`/semantic-models/${model.id}`);
    // A new model opens its own page; an edited one stays where it was edited.
    if (created) redirect(`/semantic-models/${model.id}`);
    return { id: model.id, created };
  },
);

export const refreshModelAction = adminAction(semanticModelIdSchema, async ({ id }, { user, actor }) => {
  const started = await startModelRefresh(id, {
    trigger: "console",
    userId: user.id,
    label: user.email,
    ip: actor.ip,
  });
  revalidatePath("/semantic-models");
  revalidatePath(`/semantic-models/${id}`);
  return { runId: started.run.id, created: started.created };
});
