// Human wording for tier numbers and prices, shared by the pricing page, sign-up, the tier page and billing. Pure.
// One rule for a tier's price: a public tier shows its price ("Free", "$49 / month"); an approval-only tier with a
// configured price shows "From $499 / month" with "approval required" (billing counts that configured price); an
// approval-only tier without a price reads "Contact us" (and billing counts $0 for it).
const periods = { DAY: "day", WEEK: "week", MONTH: "month" } as const;

export function formatQuota(limit: number | null, period: string | null): string {
  if (limit === null || period === null) return "Unlimited requests";
  return `${limit.toLocaleString("en-US")} requests / ${periods[period as keyof typeof periods] ?? period.toLowerCase()}`;
}

export function formatThrottle(rate: number, burst: number): string {
  return `${rate.toLocaleString("en-US")} req/s, bursts of ${burst.toLocaleString("en-US")}`;
}

/** "$49", "$49.50", "$0". */
export function formatMoney(cents: number): string {
  return `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: cents % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;
}

export function formatPrice(cents: number): string {
  if (cents === 0) return "Free";
  return `${formatMoney(cents)} / month`;
}

export interface PricedTier {
  monthlyPriceCents: number;
  visibility: "PUBLIC" | "APPROVAL";
}

export interface TierPrice {
  /** The headline: "Free", "$49 / month", "From $499 / month", "Contact us". */
  amount: string;
  /** What qualifies it: "approval required", or null. */
  note: string | null;
  /** Both on one line, for tables: "From $499 / month — approval required". */
  label: string;
}

/** How a tier's price reads everywhere (pricing, tier page, sign-up, billing). */
export function tierPrice(tier: PricedTier): TierPrice {
  if (tier.visibility === "APPROVAL") {
    if (tier.monthlyPriceCents === 0) return { amount: "Contact us", note: "approval required", label: "Contact us — approval required" };
    const amount = `From ${formatPrice(tier.monthlyPriceCents)}`;
    return { amount, note: "approval required", label: `${amount} — approval required` };
  }
  const amount = formatPrice(tier.monthlyPriceCents);
  return { amount, note: null, label: amount };
}

/** A move to a dearer tier: the customer must see the difference and acknowledge it (checked again on the server). */
export function needsPriceAcknowledgement(from: Pick<PricedTier, "monthlyPriceCents"> | null | undefined, to: Pick<PricedTier, "monthlyPriceCents">): boolean {
  return to.monthlyPriceCents > (from?.monthlyPriceCents ?? 0);
}

/** "from $0 to $49 / month, billed from today, prorated" (or "… lower from today" when it gets cheaper). */
export function priceChangeSentence(from: Pick<PricedTier, "monthlyPriceCents"> | null | undefined, to: Pick<PricedTier, "monthlyPriceCents">): string {
  const before = from?.monthlyPriceCents ?? 0;
  const after = to.monthlyPriceCents;
  if (after === before) return `the price stays ${before === 0 ? "free" : formatPrice(before)}`;
  const change = `from ${formatMoney(before)} to ${formatMoney(after)} / month`;
  return after > before ? `${change}, billed from today, prorated` : `${change}, from today, prorated`;
}

/**
 * The plan's description when it says more than the card already shows. AWS plan descriptions often restate the
 * tier and its quota ("Premium tier - 10000 requests/day"): that is dropped (the card shows the formatted quota), and
 * a leading "Premium tier - " is taken off what remains.
 */
export function tierDescription(name: string, description: string | null): string | null {
  if (!description) return null;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rest = description
    .trim()
    .replace(new RegExp(`^${escaped}(\\s+tier)?\\s*[-–—:,]?\\s*`, "i"), "")
    .trim();
  if (rest === "") return null;
  const quotaOnly = /^(up to\s+)?([\d,.]+\s*[kKmM]?|unlimited)\s*(requests?|calls?|req)?\s*((\/|per|a|an|each)\s*(day|week|month))?\.?$/i;
  if (quotaOnly.test(rest)) return null;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
