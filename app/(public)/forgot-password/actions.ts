"use server";

// Every export here is a public endpoint: it only parses, delegates to lib/account and returns a Result.
import { after } from "next/server";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { formFields, runAction } from "@/lib/auth/run-action";
import { flushMail } from "@/lib/mail/send-mail";

export async function requestPasswordResetAction(form: FormData) {
  const result = await runAction("forgot-password", () => requestPasswordReset(formFields(form)));
  // The e-mail goes out after the response (so the answer's timing reveals nothing); keep the server up until then.
  after(flushMail);
  return result;
}
