"use client";

import { BookOpen, Gauge, KeyRound, Layers, UserRound } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "@/components/ui/link-pending";
import { HorizontalScroll } from "@/components/ui/scroll-cue";
import { cn } from "@/lib/ui/cn";

const tabs = [
  { href: "/dashboard", label: "Keys", Icon: KeyRound },
  { href: "/dashboard/usage", label: "Usage", Icon: Gauge },
  { href: "/dashboard/tier", label: "Tier", Icon: Layers },
  { href: "/dashboard/docs", label: "API docs", Icon: BookOpen },
  { href: "/dashboard/account", label: "Account", Icon: UserRound },
] as const;

/** The dashboard's tabs: one row that fits at 390 px, and scrolls with a fade cue on anything narrower. */
export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="mb-6 border-b">
      <HorizontalScroll label="Dashboard tabs" focusable={false}>
        <ul className="flex min-w-max gap-1">
          {tabs.map(({ href, label, Icon }) => {
            const current = href === "/dashboard" ? pathname === href : pathname.startsWith(href);
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "relative inline-flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-sm font-medium transition-colors sm:px-4",
                    current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                  )}
                >
                  <Icon className={cn("hidden size-4 sm:block", current && "text-primary")} aria-hidden="true" />
                  {label}
                  <LinkPending />
                </Link>
              </li>
            );
          })}
        </ul>
      </HorizontalScroll>
    </nav>
  );
}
