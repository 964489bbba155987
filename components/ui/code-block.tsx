import { CopyButton } from "@/components/ui/copy-button";

export function CodeBlock({ code, label, copyLabel }: { code: string; label: string; copyLabel?: string }) {
  return (
    <figure className="min-w-0 max-w-full rounded-md border border-slate-200 bg-slate-900 text-slate-100">
      <figcaption className="flex items-center justify-between gap-2 border-b border-slate-700 px-3 py-2 text-xs text-slate-300">
        <span>{label}</span>
        <CopyButton text={code} label={copyLabel ?? `Copy ${label.toLowerCase()}`} />
      </figcaption>
      <pre className="overflow-x-auto p-3 text-sm">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
