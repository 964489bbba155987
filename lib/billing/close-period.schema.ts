import { z } from "zod";
import { MONTH_PATTERN } from "@/lib/billing/months";

/** The close form (app/billing/periods) and its action: which month to close. */
export const closePeriodSchema = z.object({
  month: z.string({ error: "Choose a month to close." }).trim().regex(MONTH_PATTERN, "Choose a month as YYYY-MM, e.g. 2026-11."),
});
export type ClosePeriodInput = z.infer<typeof closePeriodSchema>;
