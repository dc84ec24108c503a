import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { findSessionUser } from "../users/repository";

export type CurrentUser = { id: string; email: string; name: string; role: "admin" | "viewer" };

/**
 * The signed-in user, re-read from the database on every call: disabling a user (which bumps sessionVersion) ends
 * the session at once, and a changed role holds from the next request.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  const user = await findSessionUser(session.userId);
  if (!user || user.disabledAt || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
