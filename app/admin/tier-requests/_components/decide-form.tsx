"use client";

import { Check, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { decideTierRequestAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function DecideForm({ requestId, customerName, onDecided }: { requestId: string; customerName: string; onDecided: (notice: string) => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : undefined);
    startTransition(async () => {
      const result = await decideTierRequestAction(requestId, form);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error.message });
        return;
      }
      onDecided(result.data.notice);
      router.refresh();
    });
  }

  const noteId = `note-${requestId}`;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="min-w-64 space-y-2">
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-xs font-medium text-muted-foreground">
          Note to {customerName} (optional)
        </label>
        <Input id={noteId} name="note" maxLength={1000} aria-describedby={`${noteId}-error`} />
        <FieldErrors id={`${noteId}-error`} errors={errors.note} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" size="sm" disabled={pending} aria-busy={pending}>
          <Check aria-hidden="true" />
          {pending ? "Working…" : "Approve"}
        </Button>
        <Button type="submit" name="decision" value="reject" variant="outline" size="sm" disabled={pending}>
          <X aria-hidden="true" />
          Reject
        </Button>
      </div>
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
    </form>
  );
}
