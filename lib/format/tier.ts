// Human wording for tier numbers, shared by the pricing page, sign-up and the dashboard.
const periods = { DAY: "day", WEEK: "week", MONTH: "month" } as const;

export function formatQuota(limit: number | null, period: string | null): string {
  if (limit === null || period === null) return "No quota";
  return `${limit.toLocaleString("en-US")} requests / ${periods[period as keyof typeof periods] ?? period.toLowerCase()}`;
}

export function formatThrottle(rate: number, burst: number): string {
  return `${rate.toLocaleString("en-US")} req/s, bursts of ${burst.toLocaleString("en-US")}`;
}

export function formatPrice(cents: number): string {
  if (cents === 0) return "Free";
  return `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: cents % 100 ? 2 : 0 })} / month`;
}
