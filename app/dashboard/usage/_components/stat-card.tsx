import type { ReactNode } from "react";

export function StatCard({ label, value, children, className = "", testId }: { label: string; value: ReactNode; children?: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`} aria-label={label}>
      <h2 className="text-sm font-medium text-slate-500">{label}</h2>
      <p className="mt-1 text-2xl font-bold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </p>
      {children ? <div className="mt-2 space-y-2 text-sm text-slate-600">{children}</div> : null}
    </section>
  );
}
