import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/auth/credentials.schema";
import { optionalPlainText, plainText } from "@/lib/validation/text";

export const signUpSchema = z.object({
  name: plainText("your name", { max: 100 }),
  company: optionalPlainText("the company name", 100),
  email: emailSchema,
  password: passwordSchema,
  tierId: z.string({ error: "Choose a tier." }).min(1, "Choose a tier.").max(64, "Choose a tier."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;
