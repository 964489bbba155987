"use client";

import {
  Activity,
  Bell,
  DatabaseZap,
  FileClock,
  Inbox,
  KeySquare,
  Layers,
  ListChecks,
  Route,
  ShieldCheck,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "@/components/ui/link-pending";
import { HorizontalScroll } from "@/components/ui/scroll-cue";
import { cn } from "@/lib/ui/cn";

interface Section {
  href: string;
  label: string;
  Icon: LucideIcon;
}

/** The admin console's sections, grouped as an admin thinks of them: the API, the people, the plans, the records. */
export const adminSections: { group: string; items: Section[] }[] = [
  {
    group: "API",
    items: [
      { href: "/admin", label: "Overview", Icon: Activity },
      { href: "/admin/methods", label: "Methods", Icon: Route },
      { href: "/admin/stage", label: "Caches & stage", Icon: DatabaseZap },
      { href: "/admin/alarms", label: "Alarms", Icon: Bell },
    ],
  },
  {
    group: "People",
    items: [
      { href: "/admin/customers", label: "Customers", Icon: Users },
      { href: "/admin/tier-requests", label: "Tier requests", Icon: Inbox },
      { href: "/admin/staff", label: "Staff", Icon: ShieldCheck },
    ],
  },
  {
    group: "Plans",
    items: [
      { href: "/admin/tiers", label: "Tiers", Icon: Layers },
      { href: "/admin/keys", label: "Adopt keys", Icon: KeySquare },
    ],
  },
  {
    group: "Records",
    items: [
      { href: "/admin/operations", label: "Operations", Icon: ListChecks },
      { href: "/admin/audit", label: "Audit log", Icon: FileClock },
    ],
  },
];

function isCurrent(pathname: string, href: string) {
  return href === "/admin" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

/** A sidebar from the lg breakpoint up; below it, one row of tabs that scrolls with a fade cue. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin console" className="lg:w-48 lg:shrink-0">
      <div className="mb-6 border-b lg:hidden">
        <HorizontalScroll label="Admin sections" focusable={false}>
          <ul className="flex min-w-max gap-1">
            {adminSections.flatMap(({ items }) => items).map(({ href, label, Icon }) => {
              const current = isCurrent(pathname, href);
              return (
                <li key={href}>
                  <Link
                    href={href}
                    aria-current={current ? "page" : undefined}
                    className={cn(
                      "relative inline-flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                      current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                    )}
                  >
                    <Icon className={cn("size-4", current && "text-primary")} aria-hidden="true" />
                    {label}
                    <LinkPending />
                  </Link>
                </li>
              );
            })}
          </ul>
        </HorizontalScroll>
      </div>
      <div className="sticky top-4 hidden space-y-5 lg:block">
        {adminSections.map(({ group, items }) => (
          <div key={group}>
            <p className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{group}</p>
            <ul className="space-y-0.5">
              {items.map(({ href, label, Icon }) => {
                const current = isCurrent(pathname, href);
                return (
                  <li key={href}>
                    <Link
                      href={href}
                      aria-current={current ? "page" : undefined}
                      className={cn(
                        "relative flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium transition-colors",
                        current ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
                      )}
                    >
                      <Icon className={cn("size-4", current && "text-primary")} aria-hidden="true" />
                      {label}
                      <LinkPending />
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
