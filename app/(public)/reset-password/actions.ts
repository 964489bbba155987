"use server";

// Every export here is a public endpoint: it only parses, delegates to lib/account and returns a Result.
import { resetPassword } from "@/lib/account/password-reset";
import { formFields, runAction } from "@/lib/auth/run-action";

export async function resetPasswordAction(form: FormData) {
  return runAction("reset-password", () => resetPassword(formFields(form)));
}
