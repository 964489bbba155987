function tone(status: string): string {
  if (status.startsWith("2")) return "bg-success-muted text-success";
  if (status.startsWith("3")) return "bg-info-muted text-primary";
  if (status.startsWith("4")) return "bg-warning-muted text-warning";
  if (status.startsWith("5")) return "bg-danger-muted text-destructive";
  return "bg-muted text-foreground";
}

/** An HTTP status code ("200", "4XX", "default") as a colour-coded label. */
export function StatusBadge({ status }: { status: string | number }) {
  const text = String(status);
  return <span className={`inline-flex rounded px-2 py-0.5 font-mono text-xs font-bold ${tone(text)}`}>{text}</span>;
}
