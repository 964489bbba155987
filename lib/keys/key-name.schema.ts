import { z } from "zod";
import { plainText } from "@/lib/validation/text";

export const createKeySchema = z.object({
  name: plainText("a key name", { max: 64 }),
});
export type CreateKeyInput = z.infer<typeof createKeySchema>;
