import { z } from "zod";
import { optionalPlainText } from "@/lib/validation/text";

export const changeTierSchema = z.object({
  tierId: z.string({ error: "Choose a tier." }).trim().min(1, "Choose a tier.").max(64, "Choose one of the listed tiers."),
  message: optionalPlainText("your message", 500),
});

export const decideTierRequestSchema = z.object({
  decision: z.enum(["approve", "reject"], { error: "Choose approve or reject." }),
  note: optionalPlainText("the note", 500),
});
