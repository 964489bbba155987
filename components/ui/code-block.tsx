import { CopyButton } from "@/components/ui/copy-button";

/**
 * A command or value to copy. Long lines wrap (a curl command or a key stays whole at 390 px, nothing hidden behind a
 * scroll); the copy button copies the exact text.
 */
export function CodeBlock({ code, label, copyLabel }: { code: string; label: string; copyLabel?: string }) {
  return (
    <figure className="min-w-0 max-w-full rounded-md border border-code-border bg-code text-code-foreground">
      <figcaption className="flex items-center justify-between gap-2 border-b border-code-border px-3 py-2 text-xs text-code-muted">
        <span>{label}</span>
        <CopyButton text={code} label={copyLabel ?? `Copy ${label.toLowerCase()}`} />
      </figcaption>
      <pre className="p-3 text-sm break-all whitespace-pre-wrap">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
