"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to
// lib/billing/close-period.ts.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { closePeriod } from "@/lib/billing/close-period";
import { closePeriodSchema } from "@/lib/billing/close-period.schema";
import { monthLabel } from "@/lib/billing/months";
import { formatAmount } from "@/lib/format/billing";
import { ok } from "@/lib/result";

export const closePeriodAction = serverAction("billing.period.close")
  .input(closePeriodSchema)
  .handler(async ({ actor, input }) => {
    const result = await closePeriod(actor, input);
    if (!result.ok) return result;
    revalidatePath("/billing/periods");
    revalidatePath("/billing");
    const { month, customers, totalCents } = result.data;
    return ok({
      month,
      message: `${monthLabel(month)} is closed: ${customers.toLocaleString("en-US")} ${customers === 1 ? "customer" : "customers"}, ${formatAmount(totalCents)} frozen.`,
    });
  });
