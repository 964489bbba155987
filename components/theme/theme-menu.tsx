"use client";

import { Check, Monitor, Moon, Sun } from "lucide-react";
import { ThemeButton } from "./theme-toggle";
import { useTheme } from "next-themes";
import { DropdownMenu as Menu } from "radix-ui";
import { menuContentClass, menuItemClass } from "@/components/ui/menu-classes";

const choices = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
] as const;

/** The theme menu itself, loaded when it is first opened (components/theme/theme-toggle.tsx). */
export function ThemeMenu({ defaultOpen }: { defaultOpen?: boolean }) {
  const { theme = "system", setTheme } = useTheme();
  return (
    <Menu.Root modal={false} defaultOpen={defaultOpen}>
      <Menu.Trigger asChild>
        <ThemeButton />
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
