import type { ReactNode } from "react";
import { AdminNav } from "./_components/admin-nav";

// Every admin page checks its own permission (requirePagePermission): a layout is not re-run on client navigation,
// so it cannot be the guard.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="lg:flex lg:gap-8">
      <AdminNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
