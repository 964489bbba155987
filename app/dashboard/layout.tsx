import { Suspense, type ReactNode } from "react";
import { DashboardNav } from "./_components/dashboard-nav";
import { QuotaAlertBanner } from "./_components/quota-alert-banner";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <DashboardNav />
      <Suspense fallback={null}>
        <QuotaAlertBanner />
      </Suspense>
      {children}
    </div>
  );
}
