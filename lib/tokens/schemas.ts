import { z } from "zod";
import { permissionSchema } from "./permissions";
import { expiryChoiceSchema } from "./expiry";
import { asArray, MAX_NAME_LENGTH } from "../forms/zod-helpers";

export const MAX_DESCRIPTION_LENGTH = 500;

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
});

export const revokeTokenSchema = z.object({ id: z.uuid() });
