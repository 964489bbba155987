"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ComponentProps } from "react";

/**
 * Light or dark from the system by default, or as chosen with the toggle (kept in localStorage); the `dark` class on
 * <html> switches the design tokens in app/globals.css. The nonce lets next-themes' inline script, which sets the
 * class before the first paint, run under the CSP.
 */
export function ThemeProvider(props: ComponentProps<typeof NextThemesProvider>) {
  return <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange {...props} />;
}
