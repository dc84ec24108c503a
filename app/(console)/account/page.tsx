import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/app/components/page-header";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Your account" />
      <p className="mb-6 text-sm text-slate-600">
        {user.name} · {user.email} ({user.role})
      </p>
      <ChangePasswordForm />
    </>
  );
}
