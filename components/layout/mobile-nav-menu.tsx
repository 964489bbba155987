"use client";

import { LogIn } from "lucide-react";
import { MenuButton } from "./mobile-nav";
import Link from "next/link";
import { DropdownMenu as Menu } from "radix-ui";
import { navLinksFor } from "@/components/layout/nav-links";
import { menuContentClass, menuItemClass } from "@/components/ui/menu-classes";
import type { Actor } from "@/lib/policy/actor";

/** The mobile navigation menu itself, loaded when it is first opened (components/layout/mobile-nav.tsx). */
export function MobileNavMenu({ role, defaultOpen }: { role: Actor["role"] | null; defaultOpen?: boolean }) {
  return (
    <Menu.Root modal={false} defaultOpen={defaultOpen}>
      <Menu.Trigger asChild>
        <MenuButton />
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
