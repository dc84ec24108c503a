"use server";

import { userAction } from "@/lib/auth/admin-action";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { keepThisSession } from "@/lib/auth/session-cookie";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

// Every other session of the user ends (the session version is bumped); this one is re-issued and goes on.
export const changeOwnPasswordAction = userAction(changeOwnPasswordSchema, async (input, { user, actor }) => {
  const sessionVersion = await changeOwnPassword(user, input, actor);
  await keepThisSession(sessionVersion);
  return { changed: true };
});
