import { z } from "zod";

export const roleSchema = z.enum(["admin", "viewer"]);
// Long enough to resist guessing; bcrypt reads at most 72 bytes.
export const passwordSchema = z.string().min(12, "At least 12 characters").max(72, "At most 72 characters");

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(254),
  name: z.string().trim().min(1, "Required").max(100),
  role: roleSchema,
  password: passwordSchema,
});

export const userIdSchema = z.object({ id: z.uuid() });
export const changeRoleSchema = z.object({ id: z.uuid(), role: roleSchema });
