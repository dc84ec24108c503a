import { z } from "zod";
import { permissionSchema } from "./permissions";
import { expiryChoiceSchema } from "./expiry";
import { asArray } from "../forms/zod-helpers";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Required").max(100, "At most 100 characters"),
  expiry: expiryChoiceSchema,
  expiryDate: z.string().trim().optional(),
  description: z.string().trim().max(500, "At most 500 characters").default(""),
  permissions: z.preprocess(asArray, z.array(permissionSchema).min(1, "Choose at least one permission")),
});

export const revokeTokenSchema = z.object({ id: z.uuid() });
