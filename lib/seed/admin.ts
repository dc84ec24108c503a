import { randomBytes } from "node:crypto";
import { systemActor } from "../audit/record";
import { countUsers, createUser } from "../users/repository";

/** Creates the first admin when no user exists. Returns the generated password when none was configured. */
export async function ensureFirstAdmin(
  email: string,
  configuredPassword: string,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countUsers()) > 0) return { created: false };
  const generatedPassword = configuredPassword ? undefined : randomBytes(18).toString("base64url");
  await createUser(
    { email, name: "Administrator", role: "admin", password: configuredPassword || (generatedPassword ?? "") },
    systemActor("seed"),
  );
  return { created: true, generatedPassword };
}
