"use client";

import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import type { Ref } from "react";
import { LinkPending } from "@/components/ui/link-pending";
import { cn } from "@/lib/ui/cn";

/** One tab of a navigation row (underlined when current): the dashboard's tabs and the staff consoles' below lg. */
export function TabLink({
  href,
  label,
  Icon,
  current,
  ref,
  className,
  iconClassName,
}: {
  href: string;
  label: string;
  Icon: LucideIcon;
  current: boolean;
  ref?: Ref<HTMLAnchorElement>;
  className?: string;
  iconClassName?: string;
}) {
  return (
    <Link
      ref={ref}
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "relative inline-flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors",
        current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
        className,
      )}
    >
      <Icon className={cn("size-4", iconClassName, current && "text-primary")} aria-hidden="true" />
      {label}
      <LinkPending />
    </Link>
  );
}
