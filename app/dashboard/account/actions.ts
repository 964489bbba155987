"use server";

// Every export here is a public endpoint: each one only parses the form, delegates to lib/account (which takes the
// user and customer from the session and authorizes), and returns a Result.
import { revalidatePath } from "next/cache";
import { changePassword } from "@/lib/account/change-password";
import { deleteOwnAccount } from "@/lib/account/delete-account";
import { updateProfile } from "@/lib/account/update-profile";
import { formFields, runAction } from "@/lib/auth/run-action";
import { renewSessionToken } from "@/lib/auth/session-token";
import { endOtherOwnSessions } from "@/lib/auth/sessions";

export async function updateProfileAction(form: FormData) {
  const result = await runAction("update-profile", (actor) => updateProfile(actor, formFields(form)));
  if (result.ok) revalidatePath("/dashboard", "layout");
  return result;
}

export async function changePasswordAction(form: FormData) {
  return runAction("change-password", async (actor) => {
    const result = await changePassword(actor, formFields(form));
    // Sessions that began before the change are over; this one proved the password just now and carries on.
    if (result.ok) await renewSessionToken({ signedInAt: Date.now() });
    return result;
  });
}

export async function deleteAccountAction(form: FormData) {
  return runAction("delete-account", async (actor) => {
    const result = await deleteOwnAccount(actor, formFields(form));
    return result.ok ? { ok: true as const, data: { completed: result.data.completed, message: result.data.message } } : result;
  });
}

export async function signOutEverywhereElseAction() {
  const result = await runAction("sign-out-everywhere-else", (actor) => endOtherOwnSessions(actor));
  if (result.ok) revalidatePath("/dashboard/account");
  return result;
}
