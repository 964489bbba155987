import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

export function StatCard({ label, value, children, className = "", testId }: { label: string; value: ReactNode; children?: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={cn("min-w-0 rounded-lg border border-border bg-card p-4 text-card-foreground shadow-sm", className)} aria-label={label}>
      <h2 className="text-sm font-medium text-muted-foreground">{label}</h2>
      <p className="mt-1 text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </p>
      {children ? <div className="mt-2 space-y-2 text-sm text-muted-foreground">{children}</div> : null}
    </section>
  );
}
