"use client";

import { Moon, Sun } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { LazyMenu } from "@/components/ui/lazy-menu";

/** The header's theme button. The icon follows the scheme in effect through CSS (the `dark` class), so the server-rendered button never mismatches. */
export function ThemeButton(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon" aria-label="Theme" title="Theme: light, dark or system" {...props}>
      <Sun className="dark:hidden" aria-hidden="true" />
      <Moon className="hidden dark:block" aria-hidden="true" />
    </Button>
  );
}

const loadThemeMenu = () => import("./theme-menu").then((m) => m.ThemeMenu);

/** Light, dark or the system's scheme (the default), kept by next-themes in localStorage; its menu loads on first use. */
export function ThemeToggle() {
  return <LazyMenu load={loadThemeMenu} menuProps={{}} renderTrigger={(trigger) => <ThemeButton {...trigger} />} />;
}
