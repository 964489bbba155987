"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts) on a PUBLIC policy
// action: it parses the form, delegates to lib/account and returns a Result.
import { resetPassword } from "@/lib/account/password-reset";
import { resetPasswordSchema } from "@/lib/account/password.schema";
import { serverAction } from "@/lib/actions/server-action";

export const resetPasswordAction = serverAction("account.password_reset")
  .input(resetPasswordSchema)
  .handler(({ input }) => resetPassword(input));
