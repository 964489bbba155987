"use client";

import { Check, Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { DropdownMenu as Menu } from "radix-ui";
import { Button } from "@/components/ui/button";
import { menuContentClass, menuItemClass } from "@/components/ui/menu-classes";

const choices = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
] as const;

/**
 * Light, dark or the system's scheme (the default), kept by next-themes in localStorage. The icon follows the
 * scheme in effect through CSS (the `dark` class), so the server-rendered button never mismatches.
 */
export function ThemeToggle() {
  const { theme = "system", setTheme } = useTheme();
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label="Theme" title="Theme: light, dark or system">
          <Sun className="dark:hidden" aria-hidden="true" />
          <Moon className="hidden dark:block" aria-hidden="true" />
        </Button>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={6} className={menuContentClass}>
          <Menu.Label className="px-2 py-1.5 text-xs font-medium text-muted-foreground">Theme</Menu.Label>
          <Menu.RadioGroup value={theme} onValueChange={setTheme}>
            {choices.map(({ value, label, Icon }) => (
              <Menu.RadioItem key={value} value={value} className={menuItemClass}>
                <Icon aria-hidden="true" />
                <span className="flex-1">{label}</span>
                <Menu.ItemIndicator>
                  <Check aria-hidden="true" />
                </Menu.ItemIndicator>
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
