import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { SignOutButton } from "@/app/components/sign-out-button";

const NAV = [
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
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/" className="text-lg font-semibold text-blue-800">
            Sluice
          </Link>
          <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="text-slate-700 hover:text-blue-700">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              {user.name} · {user.email} ({user.role})
            </span>
            <Link href="/account" className="text-slate-700 hover:text-blue-700">
              Account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}
