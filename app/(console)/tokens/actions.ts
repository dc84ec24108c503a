"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/admin-action";
import { invalidFields } from "@/lib/domain-error";
import { resolveExpiry } from "@/lib/tokens/expiry";
import { createToken, revokeToken } from "@/lib/tokens/repository";
import { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schemas";

export const createTokenAction = adminAction(createTokenSchema, async (input, { user, actor }) => {
  const expiresAt = resolveExpiry(input.expiry, input.expiryDate, new Date());
  if (!expiresAt) throw invalidFields({ expiryDate: ["Pick a date from tomorrow up to one year ahead"] });
  const { plaintext } = await createToken(
    {
      name: input.name,
      description: input.description,
      permissions: input.permissions,
      expiresAt,
      createdBy: user.id,
    },
    actor,
  );
  revalidatePath("/tokens");
  // The plaintext leaves the server once, in this response.
  return { token: plaintext, name: input.name };
});

export const revokeTokenAction = adminAction(revokeTokenSchema, async ({ id }, { user, actor }) => {
  await revokeToken(id, { ...actor, userId: user.id });
  revalidatePath("/tokens");
  return { id };
});
