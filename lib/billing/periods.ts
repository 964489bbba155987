import "server-only";
import { adjustmentFor, adjustmentsFor, type Adjustment, type FigureTotals } from "@/lib/billing/adjustments";
import type { DayRange } from "@/lib/billing/amounts";
import { emptyFigures, figuresFrom } from "@/lib/billing/figures";
import { figuresOfLine } from "@/lib/billing/frozen-line";
import { composeInvoice, type InvoicePreview } from "@/lib/billing/invoice";
import { closeRefusal, monthLabel, monthOf, monthRange, recentMonths, wholeMonth, type Month } from "@/lib/billing/months";
import { lastUsageStored } from "@/lib/billing/period-figures";
import { queryCustomerPeriod, queryPeriodReport } from "@/lib/billing/period-report";
import { rangeOf, reportQuerySchema } from "@/lib/billing/period-report.schema";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { dayStart, utcDay } from "@/lib/usage/utc-days";
import { idSchema } from "@/lib/validation/id";

// Reads about billing periods: the months with their status and totals, a closed period's adjustments (recomputed −
// frozen, per customer), and the invoice preview, which reads a closed period's frozen line.

/** How many months the periods page lists (the running month and those before it). */
export const PERIOD_MONTHS = 6;

export interface ClosedInfo {
  periodId: string;
  closedAt: Date;
  closedByEmail: string | null;
  customers: number;
  totalCents: number;
}

export interface PeriodAdjustments {
  customers: number;
  amountCentsDelta: number;
  requestsDelta: number;
  list: Adjustment[];
}

export interface PeriodRow {
  month: Month;
  label: string;
  from: string;
  to: string;
  /** RUNNING: the month of today (cannot be closed yet). */
  status: "RUNNING" | "OPEN" | "CLOSED";
  /** Why it cannot be closed now; null when it can (or is closed). */
  refusal: string | null;
  closed: ClosedInfo | null;
  /** Customers and total: frozen for a closed month, the live report's otherwise. */
  customers: number;
  totalCents: number;
  /** Closed months only: what changed since closing. */
  adjustments: PeriodAdjustments | null;
}

/** The closed period a range is, when the range is exactly a closed month. */
export async function closedPeriodFor(range: DayRange): Promise<ClosedInfo | null> {
  if (!wholeMonth(range.from, range.to)) return null;
  const p = await db.billingPeriod.findUnique({
    where: { from: dayStart(range.from) },
    select: { id: true, status: true, closedAt: true, closedByEmail: true, customers: true, totalCents: true },
  });
  if (!p || p.status !== "CLOSED" || !p.closedAt) return null;
  return { periodId: p.id, closedAt: p.closedAt, closedByEmail: p.closedByEmail, customers: p.customers, totalCents: Number(p.totalCents) };
}

/** A closed period's adjustments: the whole period recomputed by the report, compared with the frozen lines. */
export async function periodAdjustments(periodId: string, range: DayRange): Promise<PeriodAdjustments> {
  const [frozen, report] = await Promise.all([
    db.billingPeriodLine.findMany({
      where: { periodId },
      orderBy: { customerName: "asc" },
      select: { customerId: true, customerName: true, requests: true, overageRequests: true, tierCents: true, overageCents: true, amountCents: true },
    }),
    queryPeriodReport({ range, limit: null, watchLists: false, spans: false }),
  ]);
  const recomputed: FigureTotals[] = report.rows.map((r) => ({
    customerId: r.customerId,
    customerName: r.name,
    requests: r.requests,
    overageRequests: r.overageRequests,
    tierCents: r.priceCents,
    overageCents: r.overageCents,
    amountCents: r.amountCents,
  }));
  const frozenTotals: FigureTotals[] = frozen.map((l) => ({ ...l, requests: Number(l.requests), overageRequests: Number(l.overageRequests) }));
  const changed = adjustmentsFor(frozenTotals, recomputed, () => null);
  const stored = await lastUsageStored(range, changed.map((a) => a.customerId));
  const list = changed.map((a) => ({ ...a, correctedAt: stored.get(a.customerId) ?? null }));
  return {
    customers: list.length,
    amountCentsDelta: list.reduce((s, a) => s + a.amountCentsDelta, 0),
    requestsDelta: list.reduce((s, a) => s + a.requestsDelta, 0),
    list,
  };
}

/** The periods page: the last PERIOD_MONTHS months with status, totals, who closed them, and pending adjustments. */
export async function listPeriods(actor: Actor | null, now: Date = new Date()): Promise<Result<PeriodRow[]>> {
  const allowed = authorize(actor, "billing.period.list");
  if (!allowed.ok) return allowed;
  const months = recentMonths(now, PERIOD_MONTHS);
  const running = monthOf(utcDay(now));
  const rows: PeriodRow[] = [];
  // One month at a time: each is one report statement, and the embedded database runs one statement at a time anyway.
  for (const month of months) {
    const range = monthRange(month);
    const closed = await closedPeriodFor(range);
    const base = { month, label: monthLabel(month), from: range.from, to: range.to };
    if (closed) {
      rows.push({ ...base, status: "CLOSED", refusal: null, closed, customers: closed.customers, totalCents: closed.totalCents, adjustments: await periodAdjustments(closed.periodId, range) });
    } else {
      const live = await queryPeriodReport({ range, limit: 0, watchLists: false, spans: false, now });
      rows.push({
        ...base,
        status: month === running ? "RUNNING" : "OPEN",
        refusal: closeRefusal(month, now),
        closed: null,
        customers: live.totals.customers,
        totalCents: live.totals.amountCents,
        adjustments: null,
      });
    }
  }
  return ok(rows);
}

export interface InvoicePage {
  invoice: InvoicePreview;
  range: DayRange;
  /** The range includes today: figures still change. */
  running: boolean;
}

/**
 * One customer's invoice preview for a range (a month by default): billing.invoice.read. For a closed month it is
 * the frozen line plus the adjustment since closing; otherwise the live figures of the period report's drill-down.
 */
export async function invoicePreview(actor: Actor | null, customerId: string, input: unknown, now: Date = new Date()): Promise<Result<InvoicePage>> {
  const allowed = authorize(actor, "billing.invoice.read");
  if (!allowed.ok) return allowed;
  if (!idSchema.safeParse(customerId).success) return fail("not_found", "That customer does not exist.");
  const parsed = reportQuerySchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "range")] ??= []).push(issue.message);
    return fail("invalid", Object.values(fieldErrors)[0]?.[0] ?? "Please correct the range.", fieldErrors);
  }
  const range = rangeOf(parsed.data, now);
  const [live, closed] = await Promise.all([queryCustomerPeriod(customerId, range), closedPeriodFor(range)]);
  if (!live) return fail("not_found", "That customer does not exist.");
  const customer = { customerId: live.customer.id, customerName: live.customer.name, company: live.customer.company };
  const liveFigures = figuresFrom(customer, live.days, live.amount);
  const running = utcDay(now) >= range.from && utcDay(now) <= range.to;
  if (!closed) return ok({ invoice: composeInvoice({ figures: liveFigures, period: range }), range, running });

  const line = await db.billingPeriodLine.findUnique({ where: { periodId_customerId: { periodId: closed.periodId, customerId } } });
  const frozen = line ? figuresOfLine(line) : emptyFigures(customer);
  const stored = (await lastUsageStored(range, [customerId])).get(customerId) ?? null;
  const adjustment = adjustmentFor(frozen, liveFigures, stored);
  return ok({
    invoice: composeInvoice({ figures: frozen, period: range, closed: { closedAt: closed.closedAt, closedByEmail: closed.closedByEmail }, adjustments: adjustment ? [adjustment] : [] }),
    range,
    running,
  });
}

/** For the report page and others: whether a range is a closed period, for billing staff (billing.period.list). */
export async function closedPeriodOf(actor: Actor | null, range: DayRange): Promise<Result<ClosedInfo | null>> {
  const allowed = authorize(actor, "billing.period.list");
  if (!allowed.ok) return allowed;
  return ok(await closedPeriodFor(range));
}
