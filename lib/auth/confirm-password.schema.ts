import { z } from "zod";

/** The password typed to confirm who you are before a sensitive action (shared by the prompt's action and the service). */
export const confirmPasswordSchema = z.object({ password: z.string().min(1, "Enter your password.").max(128, "That password is too long.") });
