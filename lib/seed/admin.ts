import { randomBytes } from "node:crypto";
import { systemActor } from "../audit/record";
import { countUsers, createUser } from "../users/repository";
import { passwordSchema } from "../users/schemas";

// 24 base64url characters: 144 random bits, well inside the password policy (12 characters to 72 bytes).
const GENERATED_PASSWORD_BYTES = 18;

export function generateFirstPassword(): string {
  return randomBytes(GENERATED_PASSWORD_BYTES).toString("base64url");
}

/** Creates the first admin when no user exists. Returns the generated password when none was configured. */
export async function ensureFirstAdmin(
  email: string,
  configuredPassword: string,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countUsers()) > 0) return { created: false };
  const generatedPassword = configuredPassword ? undefined : generateFirstPassword();
  const password = configuredPassword || (generatedPassword as string);
  // The first admin follows the same policy as every other password.
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new Error(`ADMIN_PASSWORD: ${checked.error.issues[0]?.message ?? "not allowed"}`);
  await createUser({ email, name: "Administrator", role: "admin", password }, systemActor("seed"));
  return { created: true, generatedPassword };
}
