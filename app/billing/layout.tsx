import { headers } from "next/headers";
import type { ReactNode } from "react";
import { BillingNav } from "./_components/billing-nav";
import { requirePagePermission } from "@/lib/auth/guards";
import { PATHNAME_HEADER } from "@/lib/security/headers";

// As the admin console's layout: every billing page checks its own permission too, and this check runs before any
// page streams, so refused callers get the redirect or the 403 as the HTTP status.
export default async function BillingLayout({ children }: { children: ReactNode }) {
  await requirePagePermission("billing.read", (await headers()).get(PATHNAME_HEADER) ?? "/billing");
  return (
    <div className="lg:flex lg:gap-8">
      <BillingNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
