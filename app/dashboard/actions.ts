"use server";

// Every export here is a public endpoint: parse, delegate to lib/ (which authorizes), revalidate.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { recentAuthMs, REAUTH_COOKIE } from "@/lib/auth/recent-auth";
import { formFields, runAction } from "@/lib/auth/run-action";
import { createKey } from "@/lib/keys/create-key";
import { renameKey, revokeKey, rotateKey, setOwnKeyEnabled } from "@/lib/keys/manage-key";
import { revealKey } from "@/lib/keys/reveal-key";

export async function createKeyAction(form: FormData) {
  const result = await runAction("create-key", (actor) => createKey(actor, formFields(form)));
  revalidatePath("/dashboard");
  return result;
}

export async function revealKeyAction(keyId: string) {
  return runAction("reveal-key", (actor) => revealKey(actor, keyId));
}

export async function confirmPasswordAction(form: FormData) {
  return runAction("confirm-password", async (actor) => {
    const result = await confirmPassword(actor, formFields(form));
    if (!result.ok) return result;
    (await cookies()).set(REAUTH_COOKIE, result.data.cookie, {
      httpOnly: true,
      sameSite: "strict",
      secure: process.env.NODE_ENV === "production" && process.env.NEXTAUTH_URL?.startsWith("https:") === true,
      path: "/",
      maxAge: recentAuthMs() / 1000,
    });
    return { ok: true as const, data: null };
  });
}

export async function renameKeyAction(keyId: string, form: FormData) {
  const result = await runAction("rename-key", (actor) => renameKey(actor, keyId, formFields(form)));
  revalidatePath("/dashboard");
  return result;
}

export async function setKeyEnabledAction(keyId: string, enabled: boolean) {
  const result = await runAction("set-key-enabled", (actor) => setOwnKeyEnabled(actor, keyId, enabled === true));
  revalidatePath("/dashboard");
  return result;
}

export async function revokeKeyAction(keyId: string) {
  const result = await runAction("revoke-key", (actor) => revokeKey(actor, keyId));
  revalidatePath("/dashboard");
  return result;
}

export async function rotateKeyAction(keyId: string, form: FormData) {
  const result = await runAction("rotate-key", (actor) => rotateKey(actor, keyId, formFields(form)));
  revalidatePath("/dashboard");
  return result;
}
