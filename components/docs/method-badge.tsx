const tones: Record<string, string> = {
  GET: "bg-success-muted text-success ring-success/40",
  POST: "bg-info-muted text-primary ring-primary/30",
  PUT: "bg-warning-muted text-warning ring-warning/40",
  PATCH: "bg-chart-5/15 text-chart-5 ring-chart-5/40",
  DELETE: "bg-danger-muted text-destructive ring-destructive/40",
};

/** An HTTP method as a compact, colour-coded label (the text itself carries the meaning, not the colour). */
export function MethodBadge({ method, className = "" }: { method: string; className?: string }) {
  const tone = tones[method] ?? "bg-muted text-foreground ring-border";
  return (
    <span className={`inline-flex min-w-[4.25rem] justify-center rounded px-2 py-0.5 font-mono text-xs font-bold tracking-wide ring-1 ring-inset ${tone} ${className}`}>
      {method}
    </span>
  );
}
