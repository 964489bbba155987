"use client";

import { Menu as MenuIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { LazyMenu } from "@/components/ui/lazy-menu";
import type { Actor } from "@/lib/policy/actor";

export function MenuButton(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon" aria-label="Menu" className="sm:hidden" {...props}>
      <MenuIcon aria-hidden="true" />
    </Button>
  );
}

const loadMenu = () => import("./mobile-nav-menu").then((m) => m.MobileNavMenu);

/** Under 640 px the header's links (and Sign in) fold into this menu, so the header stays one row at 390 px; it loads on first use. */
export function MobileNav({ role }: { role: Actor["role"] | null }) {
  return <LazyMenu load={loadMenu} menuProps={{ role }} renderTrigger={(trigger) => <MenuButton {...trigger} />} />;
}
