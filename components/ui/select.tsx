import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A native <select> styled like the inputs: works without JavaScript, on every phone's own picker, and with
 * forms posted by server actions.
 */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      data-slot="select"
      className={cn(
        "flex h-9 w-full min-w-0 rounded-md border border-input bg-card px-3 py-1 text-sm text-foreground shadow-sm disabled:cursor-not-allowed disabled:opacity-50 aria-[invalid=true]:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
