import { forbidden } from "next/navigation";
import { requireUser, type CurrentUser } from "./session";

/** For admin-only pages: a viewer gets the 403 page. */
export async function requireAdminPage(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
