import Link from "next/link";
import { Suspense } from "react";
import { PeriodsTable } from "./_components/periods-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/guards";
import { listPeriods, PERIOD_MONTHS } from "@/lib/billing/periods";
import type { Actor } from "@/lib/policy/actor";
import { formatAmount } from "@/lib/format/billing";

export const metadata = { title: "Billing periods" };
export const dynamic = "force-dynamic";

const signedMoney = (cents: number) => `${cents > 0 ? "+" : cents < 0 ? "−" : ""}${formatAmount(Math.abs(cents))}`;
const signedCount = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${Math.abs(n).toLocaleString("en-US")}`;

async function Periods({ actor }: { actor: Actor }) {
  const result = await listPeriods(actor);
  if (!result.ok) throw new Error(result.error.message);
  const rows = result.data;
  const withAdjustments = rows.filter((p) => p.adjustments && p.adjustments.customers > 0);
  return (
    <>
      <PeriodsTable
        rows={rows.map((p) => ({
          month: p.month,
          label: p.label,
          status: p.status,
          refusal: p.refusal,
          customers: p.customers,
          totalCents: p.totalCents,
          closedAt: p.closed?.closedAt.toISOString() ?? null,
          closedByEmail: p.closed?.closedByEmail ?? null,
          adjustments: p.adjustments ? { customers: p.adjustments.customers, amountCentsDelta: p.adjustments.amountCentsDelta } : null,
        }))}
      />
      {withAdjustments.map((p) => (
        <Card key={p.month} id={`adjustments-${p.month}`} className="mt-6 scroll-mt-20">
          <CardHeader>
            <CardTitle>Adjustments to {p.label}</CardTitle>
            <CardDescription>
              Stored usage changed after {p.label} was closed. The frozen figures stay as they were; these differences (recomputed − frozen) are
              shown beside them and on each customer&apos;s invoice.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Table aria-label={`Adjustments to ${p.label}`}>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Customer</TableHead>
                  <TableHead scope="col" className="text-right">
                    Requests
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    Amount
                  </TableHead>
                  <TableHead scope="col">Note</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {p.adjustments?.list.map((a) => (
                  <TableRow key={a.customerId} data-testid="adjustment-row">
                    <th scope="row" className="px-4 py-3 text-left font-medium">
                      <Link href={`/billing/report/${a.customerId}/invoice?month=${p.month}`} className="text-primary underline-offset-4 hover:underline">
                        {a.customerName}
                      </Link>
                    </th>
                    <TableCell className="text-right tabular-nums">{signedCount(a.requestsDelta)}</TableCell>
                    <TableCell className="text-right tabular-nums">{signedMoney(a.amountCentsDelta)}</TableCell>
                    <TableCell className="min-w-56 text-sm">
                      {a.note}
                      {a.correctedAt ? (
                        <span className="block text-xs text-muted-foreground">
                          Usage last stored <time dateTime={a.correctedAt.toISOString()}>{a.correctedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
                        </span>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ))}
    </>
  );
}

function PeriodsSkeleton() {
  return (
    <div className="space-y-2" aria-busy="true" aria-label="Loading periods">
      {Array.from({ length: PERIOD_MONTHS + 1 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}

export default async function PeriodsPage() {
  const actor = await requirePagePermission("billing.period.list", "/billing/periods");
  return (
    <>
      <PageHeader title="Periods" description="Calendar months (UTC): close a month to freeze its figures for invoicing." />
      <Alert tone="info" className="mb-4">
        Only whole months that have ended can be closed — not the running month, whose usage is still coming in. Closing freezes every
        customer&apos;s figures; usage corrected later appears as adjustments, never as a silent change.
      </Alert>
      <Suspense fallback={<PeriodsSkeleton />}>
        <Periods actor={actor} />
      </Suspense>
    </>
  );
}
