"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/admin-action";
import { DomainError } from "@/lib/domain-error";
import { changeRoleSchema, createUserSchema, setUserPasswordSchema, userIdSchema } from "@/lib/users/schemas";
import { createUser, setUserDisabled, setUserPassword, setUserRole } from "@/lib/users/repository";

export const addUserAction = adminAction(createUserSchema, async (input, { actor }) => {
  const created = await createUser(input, actor);
  revalidatePath("/users");
  return { id: created.id };
});

const setDisabledSchema = userIdSchema.extend({ disabled: z.enum(["true", "false"]).transform((v) => v === "true") });

export const setUserDisabledAction = adminAction(setDisabledSchema, async ({ id, disabled }, { actor }) => {
  await setUserDisabled(id, disabled, actor);
  revalidatePath("/users");
  return { id };
});

export const changeUserRoleAction = adminAction(changeRoleSchema, async ({ id, role }, { actor }) => {
  await setUserRole(id, role, actor);
  revalidatePath("/users");
  return { id };
});

// Ends every session of that user (the session version is bumped); an admin's own password is changed on /account.
export const setUserPasswordAction = adminAction(
  setUserPasswordSchema,
  async ({ id, newPassword }, { user, actor }) => {
    if (id === user.id) throw new DomainError("invalid", "Change your own password on your account page.");
    await setUserPassword(id, newPassword, actor, "user.password-set");
    return { id };
  },
);
