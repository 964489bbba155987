import { describe, expect, it } from "vitest";
import { brandImageOrigins, brandingFrom, brandStyle, DEFAULT_BRAND_NAME, titleTemplate } from "@/lib/branding";
import { parseEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://localhost/gatehouse", NEXTAUTH_SECRET: "x".repeat(32) };
const brandOf = (vars: Record<string, string>) => brandingFrom(parseEnv({ ...base, ...vars }));

describe("branding from the configuration", () => {
  it("is Gatehouse's own when nothing is set (blank counts as unset)", () => {
    const brand = brandOf({ GATEHOUSE_BRAND_NAME: "  ", GATEHOUSE_BRAND_PRIMARY_COLOR: "" });
    expect(brand).toEqual({ name: DEFAULT_BRAND_NAME, logoUrl: null, faviconUrl: null, primaryColor: null, supportEmail: null, footerLinks: [] });
    expect(brandStyle(brand)).toBeUndefined();
    expect(titleTemplate(brand).template).toBe("%s · Gatehouse");
  });

  it("takes the name, colour, images, support address and footer links", () => {
    const brand = brandOf({
      GATEHOUSE_BRAND_NAME: "Acme API",
      GATEHOUSE_BRAND_PRIMARY_COLOR: "#0f766e",
      GATEHOUSE_BRAND_LOGO_URL: "https://cdn.acme.example/logo.svg",
      GATEHOUSE_BRAND_FAVICON_URL: "/acme.ico",
      GATEHOUSE_SUPPORT_EMAIL: "help@acme.example",
      GATEHOUSE_FOOTER_LINKS: "Status=https://status.acme.example, Terms=/terms",
    });
    expect(brand.name).toBe("Acme API");
    expect(titleTemplate(brand)).toEqual({ default: "Acme API — API developer portal", template: "%s · Acme API" });
    expect(brandStyle(brand)).toEqual({ "--brand": "#0f766e" });
    expect(brand.supportEmail).toBe("help@acme.example");
    expect(brand.footerLinks).toEqual([
      { label: "Status", href: "https://status.acme.example" },
      { label: "Terms", href: "/terms" },
    ]);
    expect(brandImageOrigins(brand)).toEqual(["https://cdn.acme.example"]);
  });

  it.each(["teal", "#abc", "rgb(15 118 110)", "oklch(0.55 0.12 190)", "hsl(175deg 80% 26% / 90%)"])("accepts the colour %s", (color) => {
    expect(brandOf({ GATEHOUSE_BRAND_PRIMARY_COLOR: color }).primaryColor).toBe(color);
  });

  it.each(["red; background: url(x)", "#12345", "var(--x)", "url(https://evil)", "expression(alert(1))"])("refuses the colour %s with a clear message", (color) => {
    expect(() => brandOf({ GATEHOUSE_BRAND_PRIMARY_COLOR: color })).toThrow(/GATEHOUSE_BRAND_PRIMARY_COLOR must be a CSS colour/);
  });

  it("refuses footer links that are not Label=URL, naming the entry", () => {
    expect(() => brandOf({ GATEHOUSE_FOOTER_LINKS: "Status" })).toThrow(/"Status" must be Label=https/);
    expect(() => brandOf({ GATEHOUSE_FOOTER_LINKS: "Evil=javascript:alert(1)" })).toThrow(/GATEHOUSE_FOOTER_LINKS/);
    expect(() => brandOf({ GATEHOUSE_FOOTER_LINKS: "Other=//evil.example" })).toThrow(/GATEHOUSE_FOOTER_LINKS/);
  });

  it("refuses a logo that is neither an http(s) URL nor a path, and a bad support address", () => {
    expect(() => brandOf({ GATEHOUSE_BRAND_LOGO_URL: "javascript:alert(1)" })).toThrow(/GATEHOUSE_BRAND_LOGO_URL must be/);
    expect(() => brandOf({ GATEHOUSE_SUPPORT_EMAIL: "not-an-address" })).toThrow(/GATEHOUSE_SUPPORT_EMAIL must be an e-mail address/);
  });
});
