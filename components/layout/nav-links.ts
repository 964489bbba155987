import { Inbox, LayoutDashboard, Receipt, Tag, Users, type LucideIcon } from "lucide-react";
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
  ADMIN: [
    { href: "/admin/customers", label: "Customers", Icon: Users },
    { href: "/admin/tier-requests", label: "Tier requests", Icon: Inbox },
    { href: "/billing", label: "Billing", Icon: Receipt },
  ],
  BILLING: [{ href: "/billing", label: "Billing", Icon: Receipt }],
};

export function navLinksFor(role: Actor["role"] | null): NavLink[] {
  return [pricingLink, ...(role ? roleLinks[role] : [])];
}
