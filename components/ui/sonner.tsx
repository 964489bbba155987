"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner, type ToasterProps } from "sonner";

/**
 * Toasts (sonner), in the portal's light or dark scheme. Mounted once in app/layout.tsx (through lazy-toaster.tsx); call `toast()` from
 * "sonner" anywhere in client code. Sonner injects its stylesheet from script (a CSSOM insert, which the CSP's
 * style-src does not govern), so it needs no nonce.
 */
export function Toaster(props: ToasterProps) {
  const { theme = "system" } = useTheme();
  return (
    <Sonner
      theme={theme as ToasterProps["theme"]}
      className="toaster group"
      richColors
      closeButton
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as React.CSSProperties
      }
      {...props}
    />
  );
}
