// Adjustments: what changed in a closed period after it was closed. The frozen lines never change; when stored usage
// is corrected later (a later snapshot rewrites a day), recomputing the period gives other figures, and the
// difference (recomputed − frozen) is shown as an adjustment beside them, with the date the correction was stored.
// Pure.
import type { CustomerFigures } from "@/lib/billing/figures";

/** The figures an adjustment compares (a frozen line, a recomputed report row or a customer's figures). */
export type FigureTotals = Pick<CustomerFigures, "customerId" | "customerName" | "requests" | "overageRequests" | "tierCents" | "overageCents" | "amountCents">;

export interface Adjustment {
  customerId: string;
  customerName: string;
  requestsDelta: number;
  overageRequestsDelta: number;
  tierCentsDelta: number;
  overageCentsDelta: number;
  amountCentsDelta: number;
  /** When the correction that caused it was stored (the latest usage read after closing); null if unknown. */
  correctedAt: Date | null;
  /** A sentence saying what changed. */
  note: string;
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${Math.abs(n).toLocaleString("en-US")}`;

/**
 * The adjustment of one customer, or null when the recomputed figures equal the frozen ones. A customer missing on
 * one side counts as zero there (usage stored after closing for a customer who had none, or usage removed).
 */
export function adjustmentFor(frozen: FigureTotals | null, recomputed: FigureTotals | null, correctedAt: Date | null): Adjustment | null {
  const side = frozen ?? recomputed;
  if (!side) return null;
  const value = (f: FigureTotals | null, k: "requests" | "overageRequests" | "tierCents" | "overageCents" | "amountCents") => f?.[k] ?? 0;
  const delta = {
    requestsDelta: value(recomputed, "requests") - value(frozen, "requests"),
    overageRequestsDelta: value(recomputed, "overageRequests") - value(frozen, "overageRequests"),
    tierCentsDelta: value(recomputed, "tierCents") - value(frozen, "tierCents"),
    overageCentsDelta: value(recomputed, "overageCents") - value(frozen, "overageCents"),
    amountCentsDelta: value(recomputed, "amountCents") - value(frozen, "amountCents"),
  };
  if (Object.values(delta).every((d) => d === 0)) return null;
  const parts = [`requests ${signed(delta.requestsDelta)}`];
  if (delta.overageRequestsDelta !== 0) parts.push(`overage requests ${signed(delta.overageRequestsDelta)}`);
  return {
    customerId: side.customerId,
    customerName: (recomputed ?? side).customerName,
    ...delta,
    correctedAt,
    note: `Usage corrected after the period was closed: ${parts.join(", ")}.`,
  };
}

/**
 * Adjustments for every customer on either side, in the frozen order, then new customers by name. Both sides must
 * cover the same customers (the whole period, or the same subset).
 */
export function adjustmentsFor(
  frozen: readonly FigureTotals[],
  recomputed: readonly FigureTotals[],
  correctedAt: (customerId: string) => Date | null,
): Adjustment[] {
  const now = new Map(recomputed.map((f) => [f.customerId, f]));
  const before = new Set(frozen.map((f) => f.customerId));
  const out: Adjustment[] = [];
  for (const f of frozen) {
    const a = adjustmentFor(f, now.get(f.customerId) ?? null, correctedAt(f.customerId));
    if (a) out.push(a);
  }
  const added = recomputed.filter((f) => !before.has(f.customerId)).sort((a, b) => a.customerName.localeCompare(b.customerName));
  for (const f of added) {
    const a = adjustmentFor(null, f, correctedAt(f.customerId));
    if (a) out.push(a);
  }
  return out;
}
