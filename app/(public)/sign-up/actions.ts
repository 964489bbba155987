"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts) on a PUBLIC policy
// action: it parses the form, delegates to lib/customers and returns a Result.
import { serverAction } from "@/lib/actions/server-action";
import { signUp } from "@/lib/customers/sign-up";
import { signUpSchema } from "@/lib/customers/sign-up.schema";
import { ok } from "@/lib/result";

export const signUpAction = serverAction("customer.sign_up")
  .input(signUpSchema)
  .handler(async ({ input }) => {
    const result = await signUp(input);
    return result.ok ? ok({ email: result.data.email }) : result;
  });
