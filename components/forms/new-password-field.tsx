"use client";

import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import type { PasswordAssessment } from "@/lib/account/password-policy";

type Policy = typeof import("@/lib/account/password-policy");

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const BAR = ["bg-destructive", "bg-destructive", "bg-warning", "bg-success", "bg-success"] as const;

/**
 * A new-password input with a strength hint as the user types. The hint runs the server's policy
 * (lib/account/password-policy) in the browser; its dictionaries are loaded on first focus, never with the page.
 * The server's check is the real one. `contextFields` name inputs of the same form (e-mail, name) that the
 * password must not contain; `context` gives such values directly.
 */
export function NewPasswordField({
  label,
  name,
  hint,
  errors,
  contextFields = [],
  context = {},
}: {
  label: string;
  name: string;
  hint: string;
  errors?: string[];
  contextFields?: ("email" | "name")[];
  context?: { email?: string; name?: string };
}) {
  const policy = useRef<Promise<Policy> | null>(null);
  const [assessment, setAssessment] = useState<PasswordAssessment | null>(null);
  const load = () => (policy.current ??= import("@/lib/account/password-policy"));

  function onInput(event: FormEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const value = input.value;
    if (!value) return setAssessment(null);
    const typed = Object.fromEntries(contextFields.map((f) => [f, (input.form?.elements.namedItem(f) as HTMLInputElement | null)?.value ?? ""]));
    void load().then(({ assessPassword }) => {
      if (input.value === value) setAssessment(assessPassword(value, { ...context, ...typed }));
    });
  }

  const strengthId = `${name}-strength`;
  const describedBy = [`${name}-hint`, strengthId, errors?.length ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <Field
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        hint={hint}
        errors={errors}
        aria-describedby={describedBy}
        onFocus={() => void load()}
        onInput={onInput}
      />
      <div id={strengthId} aria-live="polite" className="text-xs">
        {assessment ? (
          <div className="space-y-1">
            <div className="flex gap-1" aria-hidden="true">
              {LABELS.map((_, i) => (
                <span key={i} className={`h-1 flex-1 rounded ${i <= assessment.score ? BAR[assessment.score] : "bg-muted"}`} />
              ))}
            </div>
            <p className={assessment.problem ? "text-destructive" : "text-success"}>
              Strength: {LABELS[assessment.score]}.{" "}
              {assessment.problem ?? "Good: this password is accepted."}
              {assessment.problem && assessment.suggestion ? ` ${assessment.suggestion}` : ""}
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
