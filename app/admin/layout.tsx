import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AdminNav } from "./_components/admin-nav";
import { billingTwin } from "@/lib/auth/console-paths";
import { requirePagePermission } from "@/lib/auth/guards";
import { PATHNAME_HEADER } from "@/lib/security/headers";

// Every admin page checks its own permission too (requirePagePermission): a layout is not re-run on client
// navigation, so it cannot be the only guard. This check runs before any page's loading.tsx streams a 200 shell, so
// anonymous callers get the sign-in redirect and other roles the 403 as an HTTP status, not after the fact.
// Billing staff opening an admin page that has a read-only twin in the billing console (the customer pages) are sent
// there instead.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get(PATHNAME_HEADER) ?? "/admin";
  await requirePagePermission("admin.console", path, billingTwin(path));
  return (
    <div className="lg:flex lg:gap-8">
      <AdminNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
