import { z } from "zod";

export const DELETE_WORD = "DELETE";

// The password is required for accounts that have one (checked by the service, which knows); the word must match.
export const deleteAccountSchema = z.object({
  password: z.string().max(128, "That password is too long.").default(""),
  confirm: z
    .string({ error: `Type ${DELETE_WORD} to confirm.` })
    .refine((v) => v.trim() === DELETE_WORD, `Type ${DELETE_WORD} (in capital letters) to confirm.`),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
