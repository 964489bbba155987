import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { ThemeProvider } from "@/components/theme/theme-provider";
import { LazyToaster } from "@/components/ui/lazy-toaster";
import { getActor } from "@/lib/auth/session";
import { branding, brandStyle, titleTemplate } from "@/lib/branding";
import { requestNonce } from "@/lib/security/request-nonce";
import "./globals.css";

export function generateMetadata(): Metadata {
  const brand = branding();
  return {
    title: titleTemplate(brand),
    description: `Sign up, pick a tier and manage your ${brand.name} API keys.`,
    // /favicon.ico answers with the brand's icon or Gatehouse's (app/brand/favicon/route.ts).
    icons: { icon: brand.faviconUrl ?? "/favicon.ico" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f9fafb" },
    { media: "(prefers-color-scheme: dark)", color: "#141824" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [actor, nonce] = await Promise.all([getActor(), requestNonce()]);
  const brand = branding();
  return (
    // next-themes sets the class on <html> before hydration, so React must not warn about it. A brand colour
    // arrives as --brand in the style attribute (allowed by the CSP's style-src-attr); app/globals.css derives
    // --primary and --ring from it.
    <html lang="en" suppressHydrationWarning style={brandStyle(brand)} data-brand={brand.primaryColor ? "" : undefined}>
      <body className="flex min-h-screen flex-col">
        <ThemeProvider nonce={nonce}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
            Skip to content
          </a>
          <SiteHeader actor={actor} brand={brand} />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
            {children}
          </main>
          <SiteFooter brand={brand} />
          <LazyToaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
