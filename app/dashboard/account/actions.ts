"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the form, then delegates to lib/account (which takes the user and customer from the actor).
import { revalidatePath } from "next/cache";
import { changePassword } from "@/lib/account/change-password";
import { deleteOwnAccount } from "@/lib/account/delete-account";
import { deleteAccountSchema } from "@/lib/account/delete-account.schema";
import { changePasswordSchema } from "@/lib/account/password.schema";
import { profileSchema } from "@/lib/account/profile.schema";
import { updateProfile } from "@/lib/account/update-profile";
import { serverAction } from "@/lib/actions/server-action";
import { renewSessionToken } from "@/lib/auth/session-token";
import { endOtherOwnSessions } from "@/lib/auth/sessions";
import { ok } from "@/lib/result";

export const updateProfileAction = serverAction("account.update")
  .input(profileSchema)
  .handler(async ({ actor, input }) => {
    const result = await updateProfile(actor, input);
    if (result.ok) revalidatePath("/dashboard", "layout");
    return result;
  });

export const changePasswordAction = serverAction("account.password_change")
  .input(changePasswordSchema)
  .handler(async ({ actor, input }) => {
    const result = await changePassword(actor, input);
    // Sessions that began before the change are over; this one proved the password just now and carries on.
    if (result.ok) await renewSessionToken({ signedInAt: Date.now() });
    return result;
  });

export const deleteAccountAction = serverAction("account.delete")
  .input(deleteAccountSchema)
  .handler(async ({ actor, input }) => {
    const result = await deleteOwnAccount(actor, input);
    return result.ok ? ok({ completed: result.data.completed, message: result.data.message }) : result;
  });

export const signOutEverywhereElseAction = serverAction("account.sign_out_everywhere").handler(async ({ actor }) => {
  const result = await endOtherOwnSessions(actor);
  if (result.ok) revalidatePath("/dashboard/account");
  return result;
});
