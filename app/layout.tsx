import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { ThemeProvider } from "@/components/theme/theme-provider";
import { getActor } from "@/lib/auth/session";
import { requestNonce } from "@/lib/security/request-nonce";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse — API developer portal", template: "%s · Gatehouse" },
  description: "Sign up, pick a tier and manage your API keys.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [actor, nonce] = await Promise.all([getActor(), requestNonce()]);
  return (
    // next-themes sets the class on <html> before hydration, so React must not warn about it.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen">
        <ThemeProvider nonce={nonce}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-background focus:px-3 focus:py-2">
            Skip to content
          </a>
          <SiteHeader actor={actor} />
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
        </ThemeProvider>
      </body>
    </html>
  );
}
