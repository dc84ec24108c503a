import { z } from "zod";

export const roleSchema = z.enum(["admin", "viewer"]);
// Long enough to resist guessing.
export const MIN_PASSWORD_LENGTH = 12;
// bcrypt reads at most 72 bytes and silently ignores the rest: counted in UTF-8 bytes, not characters.
const MAX_PASSWORD_BYTES = 72;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((value) => Buffer.byteLength(value, "utf8") <= MAX_PASSWORD_BYTES, {
    message: `At most ${MAX_PASSWORD_BYTES} bytes (accented and other non-ASCII characters take 2 to 4 each)`,
  });

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(254),
  name: z.string().trim().min(1, "Required").max(100),
  role: roleSchema,
  password: passwordSchema,
});

export const userIdSchema = z.object({ id: z.uuid() });
export const changeRoleSchema = z.object({ id: z.uuid(), role: roleSchema });

/** A user changing their own password. */
export const changeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1, "Required").max(200),
  newPassword: passwordSchema,
});

/** An admin setting another user's password. */
export const setUserPasswordSchema = z.object({ id: z.uuid(), newPassword: passwordSchema });
