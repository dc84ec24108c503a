"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/admin-action";
import { changeRoleSchema, createUserSchema, userIdSchema } from "@/lib/users/schemas";
import { createUser, setUserDisabled, setUserRole } from "@/lib/users/repository";

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
