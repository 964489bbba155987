const tones: Record<string, string> = {
  GET: "bg-green-100 text-green-900 ring-green-300",
  POST: "bg-brand-100 text-brand-900 ring-brand-600/30",
  PUT: "bg-amber-100 text-amber-900 ring-amber-300",
  PATCH: "bg-violet-100 text-violet-900 ring-violet-300",
  DELETE: "bg-red-100 text-red-900 ring-red-300",
};

/** An HTTP method as a compact, colour-coded label (the text itself carries the meaning, not the colour). */
export function MethodBadge({ method, className = "" }: { method: string; className?: string }) {
  const tone = tones[method] ?? "bg-slate-100 text-slate-800 ring-slate-300";
  return (
    <span className={`inline-flex min-w-[4.25rem] justify-center rounded px-2 py-0.5 font-mono text-xs font-bold tracking-wide ring-1 ring-inset ${tone} ${className}`}>
      {method}
    </span>
  );
}
