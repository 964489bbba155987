function tone(status: string): string {
  if (status.startsWith("2")) return "bg-green-100 text-green-900";
  if (status.startsWith("3")) return "bg-brand-100 text-brand-900";
  if (status.startsWith("4")) return "bg-amber-100 text-amber-900";
  if (status.startsWith("5")) return "bg-red-100 text-red-900";
  return "bg-slate-100 text-slate-800";
}

/** An HTTP status code ("200", "4XX", "default") as a colour-coded label. */
export function StatusBadge({ status }: { status: string | number }) {
  const text = String(status);
  return <span className={`inline-flex rounded px-2 py-0.5 font-mono text-xs font-bold ${tone(text)}`}>{text}</span>;
}
