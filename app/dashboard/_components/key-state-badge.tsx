import type { StateTone } from "@/lib/keys/key-row-state";
import { cn } from "@/lib/ui/cn";

const tones: Record<StateTone, { badge: string; dot: string }> = {
  success: { badge: "bg-success-muted", dot: "bg-success" },
  warning: { badge: "bg-warning-muted", dot: "bg-warning" },
  danger: { badge: "bg-danger-muted", dot: "bg-destructive" },
  info: { badge: "bg-info-muted", dot: "bg-primary" },
  neutral: { badge: "bg-muted", dot: "bg-muted-foreground" },
};

/** A key's state as a small pill: text in the foreground colour (readable on every tint), the tone in its dot. */
export function KeyStateBadge({ tone, children, testId }: { tone: StateTone; children: React.ReactNode; testId?: string }) {
  return (
    <span data-testid={testId} className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium text-foreground", tones[tone].badge)}>
      <span aria-hidden="true" className={cn("size-1.5 shrink-0 rounded-full", tones[tone].dot)} />
      {children}
    </span>
  );
}
