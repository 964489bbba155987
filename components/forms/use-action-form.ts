"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { Result } from "@/lib/result";
import { BODY_TOO_LARGE_MESSAGE, isBodyTooLarge } from "@/lib/security/body-limit";

export interface FormFeedback {
  message: string | null;
  fieldErrors: Record<string, string[]>;
}

const none: FormFeedback = { message: null, fieldErrors: {} };

/**
 * Submits a form to a server action without resetting it, so every typed value survives a refusal. Keeps the
 * refusal's message and per-field errors, or the data of the last success, for display.
 */
export function useActionForm<T>(action: (form: FormData) => Promise<Result<T>>, onSuccess?: (data: T, form: HTMLFormElement) => void | Promise<void>) {
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<FormFeedback>(none);
  const [done, setDone] = useState<T | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    startTransition(async () => {
      setFeedback(none);
      setDone(null);
      let result: Result<T>;
      try {
        result = await action(form);
      } catch (error) {
        // proxy.ts refuses a body over the size limit before the action runs; anything else is a bug (error.tsx).
        if (!isBodyTooLarge(error)) throw error;
        setFeedback({ message: BODY_TOO_LARGE_MESSAGE, fieldErrors: {} });
        return;
      }
      if (!result.ok) {
        setFeedback({ message: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
        return;
      }
      setDone(result.data);
      await onSuccess?.(result.data, element);
    });
  }

  return { pending, feedback, done, onSubmit };
}
