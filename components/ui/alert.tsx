import { cva } from "class-variance-authority";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

const alertVariants = cva("relative flex gap-3 rounded-md border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0", {
  variants: {
    tone: {
      error: "border-destructive/40 bg-danger-muted text-foreground [&>svg]:text-destructive",
      success: "border-success/40 bg-success-muted text-foreground [&>svg]:text-success",
      info: "border-primary/30 bg-info-muted text-foreground [&>svg]:text-primary",
      warning: "border-warning/40 bg-warning-muted text-foreground [&>svg]:text-warning",
    },
  },
  defaultVariants: { tone: "info" },
});

const icons = { error: CircleAlert, success: CircleCheck, info: Info, warning: TriangleAlert } as const;

type Tone = keyof typeof icons;

/** A message box with an icon; errors are announced at once (role=alert), the rest politely (role=status). */
export function Alert({
  tone = "info",
  title,
  children,
  className,
  ...props
}: Omit<ComponentProps<"div">, "title"> & { tone?: Tone; title?: ReactNode }) {
  const Icon = icons[tone];
  return (
    <div data-slot="alert" role={tone === "error" ? "alert" : "status"} className={cn(alertVariants({ tone }), className)} {...props}>
      <Icon aria-hidden="true" />
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="text-foreground/85">{children}</div> : null}
      </div>
    </div>
  );
}
