"use client";

import { LogIn, Menu as MenuIcon } from "lucide-react";
import Link from "next/link";
import { DropdownMenu as Menu } from "radix-ui";
import { navLinksFor } from "@/components/layout/nav-links";
import { Button } from "@/components/ui/button";
import { menuContentClass, menuItemClass } from "@/components/ui/menu-classes";
import type { Actor } from "@/lib/policy/actor";

/** Under 640 px the header's links (and Sign in) fold into this menu, so the header stays one row at 390 px. */
export function MobileNav({ role }: { role: Actor["role"] | null }) {
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label="Menu" className="sm:hidden">
          <MenuIcon aria-hidden="true" />
        </Button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={6} className={menuContentClass}>
          {navLinksFor(role).map(({ href, label, Icon }) => (
            <Menu.Item key={href} asChild className={menuItemClass}>
              <Link href={href}>
                <Icon aria-hidden="true" />
                {label}
              </Link>
            </Menu.Item>
          ))}
          {role === null ? (
            <Menu.Item asChild className={menuItemClass}>
              <Link href="/sign-in">
                <LogIn aria-hidden="true" />
                Sign in
              </Link>
            </Menu.Item>
          ) : null}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
