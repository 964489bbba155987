import { z } from "zod";
import { optionalPlainText, plainText } from "@/lib/validation/text";

// Shared by the profile form and updateProfile(): the same limits and messages on both sides.
export const profileSchema = z.object({
  name: plainText("your name", { max: 100 }),
  company: optionalPlainText("the company name", 100),
});
export type ProfileInput = z.infer<typeof profileSchema>;
