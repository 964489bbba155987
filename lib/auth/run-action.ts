import "server-only";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/policy/actor";
import { fail, type Result } from "@/lib/result";

/**
 * The frame of every server action: resolve the actor from the session (never from the form), run the service
 * (which authorizes through lib/policy), and turn an unexpected failure into a clear result instead of a 500.
 */
export async function runAction<T>(name: string, service: (actor: Actor | null) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await service(await getActor());
  } catch (error) {
    // Log the error class and message only: never request bodies (they may hold passwords).
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
    console.error(`[action ${name}] failed: ${reason}`);
    return fail("unavailable", "We could not complete that just now because a service did not answer. Nothing was changed; please try again.");
  }
}

/** FormData to a plain object of its string fields (files are dropped). */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  return fields;
}
