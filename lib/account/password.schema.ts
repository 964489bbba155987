import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/auth/credentials.schema";

// Schemas of the password forms (change, forgot, reset), shared by the forms and the services.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A new password: the sign-up rules, and no control characters (a pasted tab or line break would lock the owner
 * out). Any printable character is fine, "<" and ">" included: passwords are hashed, never shown or interpreted.
 */
export const newPasswordSchema = passwordSchema.refine(
  (v) => !CONTROL.test(v),
  "Remove control characters (such as tabs or line breaks) from your password.",
);

/** A password typed to prove who you are: only bounded, since it is compared with the stored hash and nothing else. */
export const currentPasswordSchema = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(128, "That password is too long.");

const repeated = z.string({ error: "Repeat the new password." }).max(128, "That password is too long.");
const MISMATCH = "The two new passwords do not match.";

export const changePasswordSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema, confirmPassword: repeated })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: MISMATCH })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a new password that differs from your current one." });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const INVALID_RESET_LINK = "This reset link is not valid: it may have expired, been used already, or been replaced by a newer one. Request a new link.";

/** A reset token as e-mailed: 32 random bytes in base64url. */
export const resetTokenSchema = z.string({ error: INVALID_RESET_LINK }).regex(/^[A-Za-z0-9_-]{43}$/, INVALID_RESET_LINK);

export const resetPasswordSchema = z
  .object({ token: resetTokenSchema, password: newPasswordSchema, confirmPassword: repeated })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: MISMATCH });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
