"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { createKeyAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineMessage } from "./inline-message";
import { KeySecret } from "./key-secret";

export function CreateKeyForm({ invokeUrl, disabledReason }: { invokeUrl: string; disabledReason: string | null }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const [created, setCreated] = useState<{ name: string; value: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setError(null);
      const result = await createKeyAction(form);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setNotice(result.data.notice);
      setCreated(result.data.value ? { name: result.data.name, value: result.data.value } : null);
      formRef.current?.reset();
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-56">
          <Field label="Key name" name="name" placeholder="e.g. production server" maxLength={200} errors={error?.fieldErrors?.name} />
        </div>
        <Button type="submit" disabled={pending || disabledReason !== null} aria-busy={pending} className="mb-6">
          {pending ? "Creating key…" : "Create key"}
        </Button>
      </form>
      {disabledReason ? <p className="text-sm text-muted-foreground">{disabledReason}</p> : null}
      <div aria-live="polite">
        {error && !error.fieldErrors ? <InlineMessage tone="error">{error.message}</InlineMessage> : null}
        {notice ? <InlineMessage tone="info">{notice}</InlineMessage> : null}
        {created ? (
          <div className="space-y-3 rounded-md border border-success/50 bg-success-muted p-4" data-testid="new-key">
            <p className="font-semibold">Key “{created.name}” created. Copy it now: this is the only time it is shown without asking.</p>
            <KeySecret value={created.value} label="API key" copyLabel="Copy API key" invokeUrl={invokeUrl} />
            <Button variant="secondary" onClick={() => setCreated(null)}>
              I have saved it — hide
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
