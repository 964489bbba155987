import { LayoutDashboard, Receipt, Shield, Tag, type LucideIcon } from "lucide-react";
import type { Actor } from "@/lib/policy/actor";

export interface NavLink {
  href: string;
  label: string;
  Icon: LucideIcon;
}

export const pricingLink: NavLink = { href: "/pricing", label: "Pricing", Icon: Tag };

/** The header's links for each role, after Pricing. */
export const roleLinks: Record<Actor["role"], NavLink[]> = {
  CUSTOMER: [{ href: "/dashboard", label: "Dashboard", Icon: LayoutDashboard }],
  // The console's own sections are in its sidebar (app/admin/_components/admin-nav.tsx).
  ADMIN: [
    { href: "/admin", label: "Admin", Icon: Shield },
    { href: "/billing", label: "Billing", Icon: Receipt },
  ],
  BILLING: [{ href: "/billing", label: "Billing", Icon: Receipt }],
};

export function navLinksFor(role: Actor["role"] | null): NavLink[] {
  return [pricingLink, ...(role ? roleLinks[role] : [])];
}
