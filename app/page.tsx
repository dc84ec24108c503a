import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

export default async function Home() {
  const user = await requireUser();
  redirect(user.role === "admin" ? "/tokens" : "/runs");
}
