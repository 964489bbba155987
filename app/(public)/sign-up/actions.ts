"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts) on a PUBLIC policy
// action: it parses the form, delegates to lib/customers and returns a Result. requestSignUp answers the same
// whether or not the address is taken (its owner gets an e-mail instead), so the form cannot tell who has an account.
import { serverAction } from "@/lib/actions/server-action";
import { requestSignUp } from "@/lib/customers/sign-up";
import { signUpSchema } from "@/lib/customers/sign-up.schema";

export const signUpAction = serverAction("customer.sign_up")
  .input(signUpSchema)
  .handler(({ input }) => requestSignUp(input));
