// A closed period's line (BillingPeriodLine) to and from CustomerFigures. The JSON columns are our own, written by
// close-period.ts; they are still parsed with a schema when read, so a malformed row is an error, not a wrong invoice.
import { z } from "zod";
import type { CustomerFigures } from "@/lib/billing/figures";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const cents = z.number().int();

export const tierSpansJson = z.array(
  z.object({
    tierId: z.string(),
    tierName: z.string(),
    from: day,
    to: day,
    days: z.number().int(),
    daysInMonth: z.number().int(),
    monthlyPriceCents: cents,
    amountCents: cents,
  }),
);

export const overageJson = z.array(
  z.object({
    tierId: z.string(),
    tierName: z.string(),
    overageRequests: z.number().int(),
    pricePer1000Cents: cents,
    amountCents: cents,
    periods: z.array(z.object({ from: day, to: day, quota: z.number().int(), used: z.number().int(), overageRequests: z.number().int() })),
  }),
);

export interface FrozenLineRow {
  customerId: string;
  customerName: string;
  company: string | null;
  tierSpans: unknown;
  overage: unknown;
  requests: bigint;
  quota: number | null;
  overageRequests: bigint;
  tierCents: number;
  overageCents: number;
  amountCents: number;
}

/** The columns of a line to insert for a customer's figures. */
export function lineColumns(f: CustomerFigures) {
  return {
    customerId: f.customerId,
    customerName: f.customerName,
    company: f.company,
    tierSpans: f.tierSpans.map((s) => ({ ...s })),
    overage: f.overage.map((o) => ({ ...o, periods: o.periods.map((p) => ({ ...p })) })),
    requests: BigInt(f.requests),
    quota: f.quota,
    overageRequests: BigInt(f.overageRequests),
    tierCents: f.tierCents,
    overageCents: f.overageCents,
    amountCents: f.amountCents,
  };
}

/** A stored line back as figures. */
export function figuresOfLine(row: FrozenLineRow): CustomerFigures {
  return {
    customerId: row.customerId,
    customerName: row.customerName,
    company: row.company,
    tierSpans: tierSpansJson.parse(row.tierSpans),
    overage: overageJson.parse(row.overage),
    requests: Number(row.requests),
    quota: row.quota,
    overageRequests: Number(row.overageRequests),
    tierCents: row.tierCents,
    overageCents: row.overageCents,
    amountCents: row.amountCents,
  };
}
