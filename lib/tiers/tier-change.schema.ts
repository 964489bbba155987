import { z } from "zod";
import { optionalPlainText } from "@/lib/validation/text";

/** A checkbox's value ("on"), "true"/"false" or a boolean; absent means not acknowledged. */
const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])], { error: "Tick the box or leave it empty." })
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const changeTierSchema = z.object({
  tierId: z.string({ error: "Choose a tier." }).trim().min(1, "Choose a tier.").max(64, "Choose one of the listed tiers."),
  message: optionalPlainText("your message", 500),
  /** The customer saw the price difference of a move to a dearer tier and accepts it (required for such a move). */
  acknowledgePrice: checkbox,
});

export type ChangeTierInput = z.input<typeof changeTierSchema>;

export const decideTierRequestSchema = z.object({
  decision: z.enum(["approve", "reject"], { error: "Choose approve or reject." }),
  note: optionalPlainText("the note", 500),
});
