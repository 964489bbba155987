import { CopyButton } from "@/components/ui/copy-button";

/**
 * Code that wraps instead of scrolling sideways (long URLs, curl commands, response bodies stay readable at
 * 390 px), with a copy button; `maxHeight` makes tall content scroll inside the block.
 */
export function WrappedCode({
  code,
  label,
  copyLabel,
  maxHeight = false,
  breakAll = false,
  testId,
}: {
  code: string;
  label: string;
  copyLabel: string;
  maxHeight?: boolean;
  /** Break anywhere rather than at spaces first (URLs, commands). */
  breakAll?: boolean;
  testId?: string;
}) {
  return (
    <figure className="min-w-0 rounded-md border border-code-border bg-code text-code-foreground">
      <figcaption className="flex items-center justify-between gap-2 border-b border-code-border px-3 py-2 text-xs text-code-muted">
        <span>{label}</span>
        <CopyButton text={code} label={copyLabel} />
      </figcaption>
      <pre
        className={`whitespace-pre-wrap p-3 text-sm ${breakAll ? "break-all" : "[overflow-wrap:anywhere]"} ${maxHeight ? "max-h-96 overflow-y-auto" : ""}`}
        tabIndex={maxHeight ? 0 : undefined}
        aria-label={maxHeight ? label : undefined}
      >
        <code data-testid={testId}>{code}</code>
      </pre>
    </figure>
  );
}
