import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

export type MessageTone = "error" | "success" | "info" | "warning";

const tones: Record<MessageTone, string> = {
  error: "border-destructive/50 bg-danger-muted",
  success: "border-success/50 bg-success-muted",
  info: "border-primary/30 bg-info-muted",
  warning: "border-warning/60 bg-warning-muted",
};

/** A result or warning shown in place, on the design tokens (readable in light and dark). */
export function InlineMessage({ tone, children, className }: { tone: MessageTone; children: ReactNode; className?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded-md border px-3 py-2 text-sm text-foreground", tones[tone], className)}>
      {children}
    </div>
  );
}
