import { z } from "zod";

// Shared by the sign-in form and the credentials provider. Lengths are bounded so oversized input is refused early.
export const emailSchema = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."))
  .transform((e) => e.toLowerCase());

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters for your password.")
  .max(128, "Use at most 128 characters for your password.");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(128, "That password is too long."),
});
export type SignInInput = z.infer<typeof signInSchema>;
