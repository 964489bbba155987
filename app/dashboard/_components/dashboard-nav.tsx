"use client";

import { BookOpen, Gauge, KeyRound, Layers, UserRound } from "lucide-react";
import { usePathname } from "next/navigation";
import { HorizontalScroll } from "@/components/ui/scroll-cue";
import { TabLink } from "@/components/ui/tab-link";

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
                <TabLink href={href} label={label} Icon={Icon} current={current} className="sm:px-4" iconClassName="hidden sm:block" />
              </li>
            );
          })}
        </ul>
      </HorizontalScroll>
    </nav>
  );
}
