import { z } from "zod";
import { permissionSchema } from "./permissions";
import { expiryChoiceSchema } from "./expiry";
import { asArray, MAX_NAME_LENGTH } from "../forms/zod-helpers";
import { MAX_ALLOWED_IPS } from "./allowed-ips";

export const MAX_DESCRIPTION_LENGTH = 500;
// Room for MAX_ALLOWED_IPS full IPv6 CIDRs, one per line.
const MAX_ALLOWED_IPS_TEXT = MAX_ALLOWED_IPS * 45;

const scopeChoiceSchema = z.enum(["all", "selected"]).default("all");
const idListSchema = z.preprocess(asArray, z.array(z.uuid("Not a valid choice")).max(1000));

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Required").max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`),
  expiry: expiryChoiceSchema,
  expiryDate: z.string().trim().optional(),
  description: z
    .string()
    .trim()
    .max(MAX_DESCRIPTION_LENGTH, `At most ${MAX_DESCRIPTION_LENGTH} characters`)
    .default(""),
  permissions: z.preprocess(asArray, z.array(permissionSchema).min(1, "Choose at least one permission")),
  subscriptionScope: scopeChoiceSchema,
  subscriptionIds: idListSchema,
  semanticModelScope: scopeChoiceSchema,
  semanticModelIds: idListSchema,
  allowedIps: z.string().max(MAX_ALLOWED_IPS_TEXT, "Too long").default(""),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ id: z.uuid() });

// **Old token stops working**: Immediately / In 1 hour / In 24 hours / In 7 days.
export const GRACE_PERIODS = { "0": 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export const gracePeriodSchema = z.enum(["0", "1h", "24h", "7d"]);

export const regenerateTokenSchema = z.object({
  id: z.uuid(),
  expiry: expiryChoiceSchema,
  expiryDate: z.string().trim().optional(),
  grace: gracePeriodSchema,
});

// POST /api/v1/token-leaks: 1–100 candidate strings; longer strings cannot be tokens and are cut off by the limit.
export const MAX_LEAK_REPORT_TOKENS = 100;
export const tokenLeakReportSchema = z.strictObject({
  tokens: z.array(z.string().max(200)).min(1).max(MAX_LEAK_REPORT_TOKENS),
});
