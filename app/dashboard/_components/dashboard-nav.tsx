"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "@/components/ui/link-pending";

const tabs = [
  { href: "/dashboard", label: "Keys" },
  { href: "/dashboard/usage", label: "Usage" },
  { href: "/dashboard/tier", label: "Tier" },
  { href: "/dashboard/docs", label: "API docs" },
  { href: "/dashboard/account", label: "Account" },
] as const;

export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => {
          const current = tab.href === "/dashboard" ? pathname === tab.href : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={`relative inline-block border-b-2 px-4 py-2 text-sm font-medium ${current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {tab.label}
                <LinkPending />
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
