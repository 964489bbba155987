import { LogoMark } from "@/components/brand/logo-mark";
import type { Branding } from "@/lib/branding";
import { cn } from "@/lib/ui/cn";

/** The brand's logo image, or Gatehouse's mark, beside the brand's name. */
export function BrandLogo({ brand, className, nameClassName }: { brand: Pick<Branding, "name" | "logoUrl">; className?: string; nameClassName?: string }) {
  return (
    <span className={cn("inline-flex min-w-0 items-center gap-2", className)}>
      {brand.logoUrl ? (
        // A configured logo of any size and origin: next/image would need each origin configured at build time.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={brand.logoUrl} alt="" className="h-7 w-auto max-w-24 shrink-0 object-contain" />
      ) : (
        <LogoMark />
      )}
      <span className={cn("truncate font-semibold tracking-tight", nameClassName)}>{brand.name}</span>
    </span>
  );
}
