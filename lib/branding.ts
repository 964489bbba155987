// The portal's brand, from its configuration (GATEHOUSE_BRAND_*, GATEHOUSE_SUPPORT_EMAIL, GATEHOUSE_FOOTER_LINKS in
// lib/env.ts, which validates them): name, logo, primary colour, favicon, support address and footer links, with
// Gatehouse's own defaults. The layout, header and footer read it; proxy.ts allows the logo's origin for images.
import type { CSSProperties } from "react";
import { env, type Env } from "@/lib/env";

export const DEFAULT_BRAND_NAME = "Gatehouse";

export interface FooterLink {
  label: string;
  href: string;
}

export interface Branding {
  name: string;
  /** The logo image; null: Gatehouse's own logo mark (components/brand/logo-mark.tsx), in the primary colour. */
  logoUrl: string | null;
  /** Where /favicon.ico points; null: Gatehouse's own icon. */
  faviconUrl: string | null;
  /** A CSS colour for --primary and --ring; null: the theme's own. */
  primaryColor: string | null;
  supportEmail: string | null;
  footerLinks: FooterLink[];
}

type BrandEnv = Pick<
  Env,
  | "GATEHOUSE_BRAND_NAME"
  | "GATEHOUSE_BRAND_LOGO_URL"
  | "GATEHOUSE_BRAND_FAVICON_URL"
  | "GATEHOUSE_BRAND_PRIMARY_COLOR"
  | "GATEHOUSE_SUPPORT_EMAIL"
  | "GATEHOUSE_FOOTER_LINKS"
>;

/** The brand described by a validated configuration. */
export function brandingFrom(config: BrandEnv): Branding {
  return {
    name: config.GATEHOUSE_BRAND_NAME,
    logoUrl: config.GATEHOUSE_BRAND_LOGO_URL ?? null,
    faviconUrl: config.GATEHOUSE_BRAND_FAVICON_URL ?? null,
    primaryColor: config.GATEHOUSE_BRAND_PRIMARY_COLOR ?? null,
    supportEmail: config.GATEHOUSE_SUPPORT_EMAIL ?? null,
    footerLinks: config.GATEHOUSE_FOOTER_LINKS ?? [],
  };
}

let cached: Branding | undefined;

/** This portal's brand (configuration is read once). */
export function branding(): Branding {
  cached ??= brandingFrom(env());
  return cached;
}

/**
 * The style attribute of <html> for a brand colour: --brand, from which app/globals.css derives --primary and
 * --ring for each scheme (darkened enough for white text in light mode, lightened enough to read on dark).
 */
export function brandStyle(brand: Pick<Branding, "primaryColor">): CSSProperties | undefined {
  return brand.primaryColor ? ({ "--brand": brand.primaryColor } as CSSProperties) : undefined;
}

/** Other origins the brand's images load from, for the Content-Security-Policy's img-src. */
export function brandImageOrigins(brand: Pick<Branding, "logoUrl" | "faviconUrl">): string[] {
  const origins = new Set<string>();
  for (const url of [brand.logoUrl, brand.faviconUrl]) {
    if (url && /^https?:\/\//i.test(url)) origins.add(new URL(url).origin);
  }
  return [...origins];
}

/** The page title: "Keys · Acme API" for a page, the brand's own tagline on the landing page. */
export function titleTemplate(brand: Pick<Branding, "name">) {
  return { default: `${brand.name} — API developer portal`, template: `%s · ${brand.name}` };
}
