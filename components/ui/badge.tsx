import { cva, type VariantProps } from "class-variance-authority";
import { Slot } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A small label. Status tones (success, warning, danger, info, neutral) carry a tinted background that works in
 * both schemes; the older colour names (green, amber, red, slate, blue) map onto them.
 */
export const badgeVariants = cva(
  "inline-flex w-fit shrink-0 items-center justify-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium [&>svg]:pointer-events-none [&>svg]:size-3",
  {
    variants: {
      variant: {
        default: "border-transparent bg-primary text-primary-foreground",
        secondary: "border-transparent bg-secondary text-secondary-foreground",
        outline: "border-border text-foreground",
        destructive: "border-transparent bg-destructive text-destructive-foreground",
        success: "border-success/30 bg-success-muted text-success",
        warning: "border-warning/30 bg-warning-muted text-warning",
        danger: "border-destructive/30 bg-danger-muted text-destructive",
        info: "border-primary/25 bg-info-muted text-primary",
        neutral: "border-border bg-muted text-muted-foreground",
      },
    },
    defaultVariants: { variant: "neutral" },
  },
);

const legacyTones = { green: "success", amber: "warning", red: "danger", slate: "neutral", blue: "info" } as const;

type BadgeVariant = NonNullable<VariantProps<typeof badgeVariants>["variant"]>;

export function Badge({
  className,
  variant,
  tone,
  asChild = false,
  ...props
}: ComponentProps<"span"> & { variant?: BadgeVariant; tone?: keyof typeof legacyTones | BadgeVariant; asChild?: boolean }) {
  const Component = asChild ? Slot.Root : "span";
  const resolved = variant ?? (tone ? (tone in legacyTones ? legacyTones[tone as keyof typeof legacyTones] : (tone as BadgeVariant)) : undefined);
  return <Component data-slot="badge" className={cn(badgeVariants({ variant: resolved }), className)} {...props} />;
}
