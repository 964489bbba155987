"use server";

// Every export here is a public endpoint: parse, delegate to lib/ (which authorizes), revalidate.
import { revalidatePath } from "next/cache";
import { formFields, runAction } from "@/lib/auth/run-action";
import { createKey } from "@/lib/keys/create-key";
import { revealKey } from "@/lib/keys/reveal-key";

export async function createKeyAction(form: FormData) {
  const result = await runAction("create-key", (actor) => createKey(actor, formFields(form)));
  revalidatePath("/dashboard");
  return result;
}

export async function revealKeyAction(keyId: string) {
  return runAction("reveal-key", (actor) => revealKey(actor, keyId));
}
