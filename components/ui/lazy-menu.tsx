"use client";

import { useState, type ComponentType, type ReactNode } from "react";

export interface LazyTriggerProps {
  onClick: () => void;
  onPointerEnter: () => void;
  onFocus: () => void;
  "aria-haspopup": "menu";
  "aria-expanded": false;
  "aria-busy"?: true;
}

/**
 * A header menu (theme, mobile navigation) whose Radix code loads only when someone opens it: until then a plain
 * button stands in for its trigger, and the code is fetched as soon as the pointer or focus reaches it. The header
 * is on every page and its menus are opened rarely, so this keeps Radix's menu (about 85 kB of script) off every
 * page's first load. Once loaded, the real menu replaces the button, already open; Radix then moves focus into it
 * and back to its trigger on close, as with any menu.
 */
export function LazyMenu<P extends object>({
  load,
  menuProps,
  renderTrigger,
}: {
  load: () => Promise<ComponentType<P & { defaultOpen?: boolean }>>;
  menuProps: P;
  renderTrigger: (props: LazyTriggerProps) => ReactNode;
}) {
  const [Menu, setMenu] = useState<ComponentType<P & { defaultOpen?: boolean }> | null>(null);
  const [opening, setOpening] = useState(false);
  if (Menu) return <Menu {...menuProps} defaultOpen />;
  const preload = () => void load().catch(() => undefined);
  const open = () => {
    setOpening(true);
    load()
      .then((loaded) => setMenu(() => loaded))
      .catch(() => setOpening(false));
  };
  return renderTrigger({
    onClick: open,
    onPointerEnter: preload,
    onFocus: preload,
    "aria-haspopup": "menu",
    "aria-expanded": false,
    ...(opening ? { "aria-busy": true as const } : {}),
  });
}
