import { z } from "zod";
import { daysInRange, MAX_DAYS_PER_GETUSAGE } from "@/lib/usage-history/snapshot-range";

// The manual snapshot form's fields, checked the same way in the browser and in the server action. The rules that
// depend on today's date and the configured lookback are checked by the service (lib/usage-history/start-snapshot.ts).

const day = (label: string) =>
  z
    .string({ error: `Enter the ${label} date.` })
    .trim()
    .min(1, `Enter the ${label} date.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} date as YYYY-MM-DD.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `The ${label} date is not a real day.`);

export const snapshotRangeSchema = z
  .object({ from: day("first"), to: day("last") })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "The last day must be on or after the first day." });

export type SnapshotRangeInput = z.infer<typeof snapshotRangeSchema>;

/** How the range is explained to staff (kept beside the schema so the form and the messages agree). */
export const rangeRulesText = `Days are UTC. AWS answers at most ${MAX_DAYS_PER_GETUSAGE} days per request, so longer ranges are read in several requests.`;

export { daysInRange };
