"use server";

import { revalidatePath } from "next/cache";
import { ActionError, adminAction } from "@/lib/auth/admin-action";
import { recordAudit } from "@/lib/audit/record";
import { resolveExpiry } from "@/lib/tokens/expiry";
import { createToken, DuplicateTokenNameError, revokeToken } from "@/lib/tokens/repository";
import { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schemas";

export const createTokenAction = adminAction(createTokenSchema, async (input, { user, ip }) => {
  const expiresAt = resolveExpiry(input.expiry, input.expiryDate, new Date());
  if (!expiresAt)
    throw new ActionError("Check the highlighted fields.", {
      expiryDate: ["Pick a date from tomorrow up to one year ahead"],
    });
  try {
    const { id, plaintext } = await createToken({
      name: input.name,
      description: input.description,
      permissions: input.permissions,
      expiresAt,
      createdBy: user.id,
    });
    await recordAudit({
      action: "token.created",
      actorUserId: user.id,
      actorLabel: user.email,
      targetType: "api-token",
      targetId: id,
      ip,
      details: { name: input.name, permissions: input.permissions, expiresAt: expiresAt.toISOString() },
    });
    revalidatePath("/tokens");
    // The plaintext leaves the server once, in this response.
    return { token: plaintext, name: input.name };
  } catch (error) {
    if (error instanceof DuplicateTokenNameError)
      throw new ActionError("Check the highlighted fields.", { name: ["An active token already has this name"] });
    throw error;
  }
});

export const revokeTokenAction = adminAction(revokeTokenSchema, async ({ id }, { user, ip }) => {
  const revoked = await revokeToken(id, user.id);
  if (!revoked) throw new ActionError("This token is already revoked or does not exist.");
  await recordAudit({
    action: "token.revoked",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "api-token",
    targetId: id,
    ip,
    details: { name: revoked.name },
  });
  revalidatePath("/tokens");
  return { id };
});
