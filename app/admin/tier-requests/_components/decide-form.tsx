"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { decideTierRequestAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";

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
    <form method="post" onSubmit={onSubmit} noValidate className="mt-4 space-y-3">
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-sm font-medium">
          Note to {customerName} (optional)
        </label>
        <input id={noteId} name="note" maxLength={1000} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-describedby={`${noteId}-error`} />
        <FieldErrors id={`${noteId}-error`} errors={errors.note} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          {pending ? "Working…" : "Approve"}
        </Button>
        <Button type="submit" name="decision" value="reject" variant="secondary" disabled={pending}>
          Reject
        </Button>
      </div>
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
    </form>
  );
}
