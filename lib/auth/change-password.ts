import { DomainError, invalidFields } from "../domain-error";
import { beginSignInAttempt } from "./sign-in-throttle";
import { takePasswordCheckSlot, verifyPassword } from "../users/password";
import { actorColumns, recordAudit, type Actor } from "../audit/record";
import { findUserForSignIn, setUserPassword } from "../users/repository";
import type { CurrentUser } from "./session";

/**
 * A user replaces their own password, proving the current one first. The check is throttled and capped exactly as a
 * sign-in is, so a borrowed session cannot be used to guess the password. Returns the new session version.
 */
export async function changeOwnPassword(
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string },
  actor: Actor,
): Promise<number> {
  const slot = takePasswordCheckSlot();
  if (!slot) throw new DomainError("invalid", "Too many password checks at this moment; try again shortly.");
  try {
    const attempt = await beginSignInAttempt(user.email, actor.ip);
    if (!attempt.allowed) throw new DomainError("invalid", "Too many attempts; wait a little and try again.");
    const account = await findUserForSignIn(user.email);
    if (!account || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
      await recordAudit({ action: "user.password-change-refused", ...actorColumns(actor) });
      throw invalidFields({ currentPassword: ["This is not your current password"] });
    }
    await attempt.succeeded();
  } finally {
    slot.release();
  }
  return setUserPassword(user.id, input.newPassword, actor, "user.password-changed");
}
