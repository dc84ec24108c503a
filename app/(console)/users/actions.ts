"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ActionError, adminAction } from "@/lib/auth/admin-action";
import { recordAudit } from "@/lib/audit/record";
import { changeRoleSchema, createUserSchema, setUserPasswordSchema, userIdSchema } from "@/lib/users/schemas";
import { createUser, setUserDisabled, setUserPassword, setUserRole, UserRuleError } from "@/lib/users/repository";

async function asActionError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserRuleError) throw new ActionError(error.message);
    throw error;
  }
}

export const addUserAction = adminAction(createUserSchema, async (input, { user, ip }) => {
  const created = await asActionError(() => createUser(input));
  await recordAudit({
    action: "user.created",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "user",
    targetId: created.id,
    ip,
    details: { email: input.email, role: input.role },
  });
  revalidatePath("/users");
  return { id: created.id };
});

const setDisabledSchema = userIdSchema.extend({ disabled: z.enum(["true", "false"]).transform((v) => v === "true") });

export const setUserDisabledAction = adminAction(setDisabledSchema, async ({ id, disabled }, { user, ip }) => {
  await asActionError(() => setUserDisabled(id, disabled));
  await recordAudit({
    action: disabled ? "user.disabled" : "user.enabled",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "user",
    targetId: id,
    ip,
  });
  revalidatePath("/users");
  return { id };
});

export const changeUserRoleAction = adminAction(changeRoleSchema, async ({ id, role }, { user, ip }) => {
  await asActionError(() => setUserRole(id, role));
  await recordAudit({
    action: "user.role-changed",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "user",
    targetId: id,
    ip,
    details: { role },
  });
  revalidatePath("/users");
  return { id };
});

// Ends every session of that user (the session version is bumped); an admin's own password is changed on /account.
export const setUserPasswordAction = adminAction(setUserPasswordSchema, async ({ id, newPassword }, { user, ip }) => {
  if (id === user.id) throw new ActionError("Change your own password on your account page.");
  await asActionError(() => setUserPassword(id, newPassword));
  await recordAudit({
    action: "user.password-set",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "user",
    targetId: id,
    ip,
  });
  return { id };
});
