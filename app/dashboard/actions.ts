"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the input, then delegates to lib/ and revalidates.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { confirmPasswordSchema } from "@/lib/auth/confirm-password.schema";
import { recentAuthMs, REAUTH_COOKIE } from "@/lib/auth/recent-auth";
import { createKey } from "@/lib/keys/create-key";
import { renameKeySchema, rotateKeySchema } from "@/lib/keys/key-actions.schema";
import { createKeySchema } from "@/lib/keys/key-name.schema";
import { renameKey, revokeKey, rotateKey, setOwnKeyEnabled } from "@/lib/keys/manage-key";
import { revealKey } from "@/lib/keys/reveal-key";
import { ok } from "@/lib/result";
import { idSchema } from "@/lib/validation/id";

export const createKeyAction = serverAction("key.create")
  .input(createKeySchema)
  .handler(async ({ actor, input }) => {
    const result = await createKey(actor, input);
    revalidatePath("/dashboard");
    return result;
  });

export const revealKeyAction = serverAction("key.reveal")
  .args(idSchema)
  .handler(({ actor, args: [keyId] }) => revealKey(actor, keyId));

export const confirmPasswordAction = serverAction("auth.reauthenticate")
  .input(confirmPasswordSchema)
  .handler(async ({ actor, input }) => {
    const result = await confirmPassword(actor, input);
    if (!result.ok) return result;
    (await cookies()).set(REAUTH_COOKIE, result.data.cookie, {
      httpOnly: true,
      sameSite: "strict",
      secure: process.env.NODE_ENV === "production" && process.env.NEXTAUTH_URL?.startsWith("https:") === true,
      path: "/",
      maxAge: recentAuthMs() / 1000,
    });
    return ok(null);
  });

export const renameKeyAction = serverAction("key.rename")
  .args(idSchema)
  .input(renameKeySchema)
  .handler(async ({ actor, args: [keyId], input }) => {
    const result = await renameKey(actor, keyId, input);
    revalidatePath("/dashboard");
    return result;
  });

export const setKeyEnabledAction = serverAction("key.set_enabled")
  .args(idSchema)
  .input(z.boolean({ error: "Choose whether the key is enabled." }))
  .handler(async ({ actor, args: [keyId], input: enabled }) => {
    const result = await setOwnKeyEnabled(actor, keyId, enabled);
    revalidatePath("/dashboard");
    return result;
  });

export const revokeKeyAction = serverAction("key.revoke")
  .args(idSchema)
  .handler(async ({ actor, args: [keyId] }) => {
    const result = await revokeKey(actor, keyId);
    revalidatePath("/dashboard");
    return result;
  });

export const rotateKeyAction = serverAction("key.rotate")
  .args(idSchema)
  .input(rotateKeySchema)
  .handler(async ({ actor, args: [keyId], input }) => {
    const result = await rotateKey(actor, keyId, input);
    revalidatePath("/dashboard");
    return result;
  });
