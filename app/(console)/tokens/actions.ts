"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/admin-action";
import { invalidFields } from "@/lib/domain-error";
import { resolveExpiry } from "@/lib/tokens/expiry";
import { createToken, regenerateToken, revokeToken } from "@/lib/tokens/repository";
import {
  createTokenSchema,
  GRACE_PERIODS,
  regenerateTokenSchema,
  revokeTokenSchema,
  type CreateTokenInput,
} from "@/lib/tokens/schemas";
import { parseAllowedIps, MAX_ALLOWED_IPS } from "@/lib/tokens/allowed-ips";

const EXPIRY_DATE_ERROR = "Pick a date from tomorrow up to one year ahead";

/** The form's scope and ranges as the token stores them, or the field errors that stop it being saved. */
function scopeAndRanges(input: CreateTokenInput) {
  const errors: Record<string, string[]> = {};
  const selected = (permission: string, choice: string, ids: string[], field: string, what: string) => {
    if (!input.permissions.includes(permission as never) || choice === "all") return null;
    if (ids.length === 0) errors[field] = [`Select at least one ${what}, or choose all`];
    return [...new Set(ids)];
  };
  const subscriptionIds = selected(
    "subscriptions:execute",
    input.subscriptionScope,
    input.subscriptionIds,
    "subscriptionIds",
    "subscription",
  );
  const semanticModelIds = selected(
    "semantic-models:refresh",
    input.semanticModelScope,
    input.semanticModelIds,
    "semanticModelIds",
    "semantic model",
  );
  const { cidrs, invalid } = parseAllowedIps(input.allowedIps);
  if (invalid.length > 0) errors.allowedIps = invalid.map((line) => `Not an IP address or CIDR range: ${line}`);
  else if (cidrs.length > MAX_ALLOWED_IPS) errors.allowedIps = [`At most ${MAX_ALLOWED_IPS} ranges`];
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return { subscriptionIds, semanticModelIds, allowedIps: cidrs };
}

export const createTokenAction = adminAction(createTokenSchema, async (input, { user, actor }) => {
  const expiresAt = resolveExpiry(input.expiry, input.expiryDate, new Date());
  if (!expiresAt) throw invalidFields({ expiryDate: [EXPIRY_DATE_ERROR] });
  const { id, plaintext } = await createToken(
    {
      name: input.name,
      description: input.description,
      permissions: input.permissions,
      expiresAt,
      createdBy: user.id,
      ...scopeAndRanges(input),
    },
    actor,
  );
  revalidatePath("/tokens");
  // The plaintext leaves the server once, in this response.
  return { token: plaintext, name: input.name, id };
});

export const regenerateTokenAction = adminAction(regenerateTokenSchema, async (input, { actor }) => {
  const expiresAt = resolveExpiry(input.expiry, input.expiryDate, new Date());
  if (!expiresAt) throw invalidFields({ expiryDate: [EXPIRY_DATE_ERROR] });
  const { plaintext, name } = await regenerateToken(
    input.id,
    { expiresAt, graceMs: GRACE_PERIODS[input.grace] },
    actor,
  );
  revalidatePath("/tokens");
  revalidatePath(`/tokens/${input.id}`);
  // As at creation: the new secret leaves the server once, in this response.
  return { token: plaintext, name, id: input.id };
});

export const revokeTokenAction = adminAction(revokeTokenSchema, async ({ id }, { user, actor }) => {
  await revokeToken(id, { ...actor, userId: user.id });
  revalidatePath("/tokens");
  return { id };
});
