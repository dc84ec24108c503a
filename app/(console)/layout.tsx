import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { SignOutButton } from "@/app/components/sign-out-button";
import { MainNav } from "@/app/components/main-nav";

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/tokens", label: "API tokens" },
  { href: "/subscriptions", label: "Subscriptions" },
  { href: "/semantic-models", label: "Semantic models" },
  { href: "/reports", label: "Reports" },
  { href: "/runs", label: "Runs" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/audit", label: "Audit" },
  { href: "/users", label: "Users" },
  { href: "/settings/holidays", label: "Holidays" },
];

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="text-lg font-semibold text-blue-800">
            Sluice
          </Link>
          <MainNav items={NAV} />
          <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
            <span data-testid="current-user" className="break-all">
              {user.name} · {user.email} ({user.role})
            </span>
            <Link href="/account" className="text-slate-700 hover:text-blue-700">
              Account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
