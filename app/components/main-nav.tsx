"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string };

/** Whether `pathname` is the page of `href` or one below it ("/" only for itself). */
export function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The console's main navigation; the link of the page the user is on is marked (aria-current) and shown as such. */
export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {items.map((item) => {
        const current = isCurrent(item.href, pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={
              current
                ? "font-semibold text-blue-800 underline decoration-2 underline-offset-4"
                : "text-slate-700 hover:text-blue-700"
            }
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
