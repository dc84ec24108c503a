import { ActionError } from "./admin-action";
import { beginSignInAttempt } from "./sign-in-throttle";
import { takePasswordCheckSlot, verifyPassword } from "./password";
import { recordAudit } from "../audit/record";
import { findUserForSignIn, setUserPassword } from "../users/repository";
import type { CurrentUser } from "./session";

/**
 * A user replaces their own password, proving the current one first. The check is throttled and capped exactly as a
 * sign-in is, so a borrowed session cannot be used to guess the password. Returns the new session version.
 */
export async function changeOwnPassword(
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<number> {
  const slot = takePasswordCheckSlot();
  if (!slot) throw new ActionError("Too many password checks at this moment; try again shortly.");
  try {
    const attempt = await beginSignInAttempt(user.email, ip);
    if (!attempt.allowed) throw new ActionError("Too many attempts; wait a little and try again.");
    const account = await findUserForSignIn(user.email);
    if (!account || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
      await recordAudit({ action: "user.password-change-refused", actorUserId: user.id, actorLabel: user.email, ip });
      throw new ActionError("Check the highlighted fields.", {
        currentPassword: ["This is not your current password"],
      });
    }
    await attempt.succeeded();
  } finally {
    slot.release();
  }
  const sessionVersion = await setUserPassword(user.id, input.newPassword);
  await recordAudit({
    action: "user.password-changed",
    actorUserId: user.id,
    actorLabel: user.email,
    targetType: "user",
    targetId: user.id,
    ip,
  });
  return sessionVersion;
}
