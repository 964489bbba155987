import type { InputHTMLAttributes } from "react";
import { inputClass } from "@/components/ui/input";
import { cn } from "@/lib/ui/cn";

/** A labelled input with its errors announced to screen readers and tied to the input. */
export function Field({
  label,
  name,
  id = name,
  errors,
  hint,
  className,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; id?: string; errors?: string[]; hint?: string }) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-foreground">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className={cn(inputClass, "h-10 py-2", className)}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" className="text-sm text-destructive empty:hidden">
      {errors?.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}
