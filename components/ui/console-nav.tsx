"use client";

import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { LinkPending } from "@/components/ui/link-pending";
import { HorizontalScroll } from "@/components/ui/scroll-cue";
import { TabLink } from "@/components/ui/tab-link";
import { cn } from "@/lib/ui/cn";

export interface ConsoleSection {
  href: string;
  label: string;
  Icon: LucideIcon;
}

export interface ConsoleGroup {
  group: string;
  items: ConsoleSection[];
}

/**
 * A staff console's navigation (admin, billing): a grouped sidebar from the lg breakpoint up; below it, one row of
 * tabs that scrolls with a fade cue. `root` is the console's home, current only on its own path.
 */
export function ConsoleNav({ label, root, groups }: { label: string; root: string; groups: ConsoleGroup[] }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === root ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
  // Below lg the tabs scroll sideways: bring the current one into the row's view (on a phone the later sections
  // start off-screen), without scrolling the page itself.
  const currentTab = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const tab = currentTab.current;
    const row = tab?.closest("ul")?.parentElement;
    if (!tab || !row || row.scrollWidth <= row.clientWidth) return;
    const left = tab.getBoundingClientRect().left - row.getBoundingClientRect().left; // within the visible part of the row
    if (left < 0 || left + tab.offsetWidth > row.clientWidth) row.scrollLeft = Math.max(0, row.scrollLeft + left - 24);
  }, [pathname]);
  return (
    <nav aria-label={label} className="lg:w-48 lg:shrink-0">
      <div className="mb-6 border-b lg:hidden">
        <HorizontalScroll label={`${label} sections`} focusable={false}>
          <ul className="flex min-w-max gap-1">
            {groups.flatMap(({ items }) => items).map(({ href, label: text, Icon }) => {
              const current = isCurrent(href);
              return (
                <li key={href}>
                  <TabLink href={href} label={text} Icon={Icon} current={current} ref={current ? currentTab : undefined} />
                </li>
              );
            })}
          </ul>
        </HorizontalScroll>
      </div>
      <div className="sticky top-4 hidden space-y-5 lg:block">
        {groups.map(({ group, items }) => (
          <div key={group}>
            <p className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{group}</p>
            <ul className="space-y-0.5">
              {items.map(({ href, label: text, Icon }) => {
                const current = isCurrent(href);
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
                      {text}
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
