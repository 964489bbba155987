import type { ReactNode } from "react";

/** A titled panel in the design tokens' colours (card background, border), so it follows dark mode. */
export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="min-w-0 rounded-lg border border-border bg-card p-4 text-card-foreground shadow-sm sm:p-5" aria-label={title} data-testid={testId}>
      <h2 className="mb-4 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}
