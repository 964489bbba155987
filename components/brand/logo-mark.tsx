import { ARCH_PATH, GATE_PATH } from "@/lib/brand-icon";
import { cn } from "@/lib/ui/cn";

/**
 * The default logo mark, drawn in the primary colour (so a brand colour recolours it); decorative next to the
 * brand's name.
 */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={cn("size-7 shrink-0", className)}>
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path d={GATE_PATH} className="fill-primary-foreground" />
      <path d={ARCH_PATH} className="fill-primary" />
    </svg>
  );
}
