import type { z } from "zod";
import { fail } from "@/lib/result";

/** Turns a zod failure into our `invalid` result with one list of messages per field. */
export function invalidInput(error: z.ZodError, message = "Please correct the highlighted fields.") {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fail("invalid", message, fieldErrors);
}
