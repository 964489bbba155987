"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts) on a PUBLIC policy
// action: it parses the form, delegates to lib/account and returns a Result.
import { after } from "next/server";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { forgotPasswordSchema } from "@/lib/account/password.schema";
import { serverAction } from "@/lib/actions/server-action";
import { flushMail } from "@/lib/mail/send-mail";

export const requestPasswordResetAction = serverAction("account.password_reset_request")
  .input(forgotPasswordSchema)
  .handler(async ({ input }) => {
    const result = await requestPasswordReset(input);
    // The e-mail goes out after the response (so the answer's timing reveals nothing); keep the server up until then.
    after(flushMail);
    return result;
  });
