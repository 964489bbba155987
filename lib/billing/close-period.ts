import "server-only";
import { closePeriodSchema, type ClosePeriodInput } from "@/lib/billing/close-period.schema";
import { lineColumns } from "@/lib/billing/frozen-line";
import { closeRefusal, monthLabel, monthRange, type Month } from "@/lib/billing/months";
import { periodFigures } from "@/lib/billing/period-figures";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { dayStart } from "@/lib/usage/utc-days";

// Closing a billing period (a calendar month that has ended): the period report's figures of every customer in it
// are frozen as BillingPeriodLine rows, with the period, in one transaction, audited. Refused for the running or a
// future month, and for a month already closed; of two closes at once exactly one wins (the unique month), the other
// is told it was already closed. Later usage corrections never touch the frozen rows (the database refuses updates);
// they show as adjustments (lib/billing/periods.ts).

export interface ClosedPeriod {
  month: Month;
  from: string;
  to: string;
  closedAt: Date;
  customers: number;
  totalCents: number;
}

const closedMessage = (month: Month, at: Date | null, by: string | null) =>
  `${monthLabel(month)} is already closed${at ? ` (on ${at.toISOString().slice(0, 16).replace("T", " ")} UTC${by ? ` by ${by}` : ""})` : ""}. Its figures are frozen; later usage corrections show as adjustments.`;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function closePeriod(actor: Actor | null, input: ClosePeriodInput, now: Date = new Date()): Promise<Result<ClosedPeriod>> {
  const allowed = authorize(actor, "billing.period.close");
  if (!allowed.ok) return allowed;
  const parsed = closePeriodSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", parsed.error.issues[0]?.message ?? "Choose a month to close.", { month: parsed.error.issues.map((i) => i.message) });
  const { month } = parsed.data;
  const refusal = closeRefusal(month, now);
  if (refusal) return fail("invalid", refusal, { month: [refusal] });
  const range = monthRange(month);
  const from = dayStart(range.from);

  const existing = await db.billingPeriod.findUnique({ where: { from }, select: { status: true, closedAt: true, closedByEmail: true } });
  if (existing?.status === "CLOSED") return fail("conflict", closedMessage(month, existing.closedAt, existing.closedByEmail));

  // The figures are computed first (reads only), then stored with the period in one short transaction: PGlite runs
  // one transaction at a time, and a usage correction that lands in between is caught as an adjustment, because
  // adjustments always recompute the whole period (never trust a "changed since" timestamp).
  const figures = await periodFigures(range);
  const totalCents = figures.reduce((sum, f) => sum + f.amountCents, 0);
  const closedAt = new Date();
  try {
    await db.$transaction(
      async (tx) => {
        // The unique month makes a concurrent close fail here (P2002), before it writes any line.
        const period = await tx.billingPeriod.create({
          data: { from, to: dayStart(range.to), status: "CLOSED", closedAt, closedById: actor?.userId ?? null, closedByEmail: actor?.email ?? null, customers: figures.length, totalCents: BigInt(totalCents) },
          select: { id: true },
        });
        for (let i = 0; i < figures.length; i += 1_000) {
          await tx.billingPeriodLine.createMany({ data: figures.slice(i, i + 1_000).map((f) => ({ periodId: period.id, ...lineColumns(f) })) });
        }
        await recordAudit(tx, {
          actor: actor ? { userId: actor.userId, email: actor.email, role: actor.role } : null,
          action: "billing.period.close",
          target: { type: "billing_period", id: period.id },
          meta: { month, from: range.from, to: range.to, customers: figures.length, totalCents },
        });
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await db.billingPeriod.findUnique({ where: { from }, select: { closedAt: true, closedByEmail: true } });
      return fail("conflict", closedMessage(month, winner?.closedAt ?? null, winner?.closedByEmail ?? null));
    }
    throw error;
  }
  return ok({ month, from: range.from, to: range.to, closedAt, customers: figures.length, totalCents });
}
