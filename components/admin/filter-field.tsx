import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";

/** A labelled filter control with its error under it (the control gets id, aria-invalid and aria-describedby). */
export function FilterField({ id, label, errors, children, className }: { id: string; label: string; errors?: string[]; children: ReactNode; className?: string }) {
  return (
    <div className={className ?? "min-w-0 space-y-1"}>
      <label htmlFor={id} className="block text-xs font-medium text-muted-foreground">
        {label}
      </label>
      {children}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** Props that tie a control to its FilterField's error. */
export function invalidProps(id: string, errors?: string[]) {
  return errors?.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : { "aria-describedby": `${id}-error` };
}

/** A filter form's buttons: Filter submits; Clear goes back to `clearHref`, the page without filters. */
export function FilterActions({ clearHref, className }: { clearHref: string; className: string }) {
  return (
    <div className={className}>
      <Button type="submit">Filter</Button>
      <Link href={clearHref} className={buttonClass("ghost")}>
        Clear
      </Link>
    </div>
  );
}
