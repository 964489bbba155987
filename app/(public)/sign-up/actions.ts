"use server";

// Every export here is a public endpoint: each one only parses, delegates to lib/ and returns a Result.
import { formFields, runAction } from "@/lib/auth/run-action";
import { requestSignUp } from "@/lib/customers/sign-up";

export async function signUpAction(form: FormData) {
  return runAction("sign-up", () => requestSignUp(formFields(form)));
}
