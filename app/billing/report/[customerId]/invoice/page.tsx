import { ArrowLeft, Lock } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "./_components/print-button";
import "./print.css";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requirePagePermission } from "@/lib/auth/guards";
import type { InvoiceLine } from "@/lib/billing/invoice";
import { dayLabel } from "@/lib/billing/months";
import { invoicePreview } from "@/lib/billing/periods";
import { branding } from "@/lib/branding";
import { formatAmount } from "@/lib/format/billing";
import { formatMoney } from "@/lib/format/tier";

export const metadata = { title: "Invoice preview" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const count = (n: number) => n.toLocaleString("en-US");
const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${count(Math.abs(n))}`;
const money = (cents: number) => `${cents < 0 ? "−" : ""}${formatAmount(Math.abs(cents))}`;
const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dates = (from: string, to: string) => (from === to ? shortDay(from) : `${shortDay(from)} – ${shortDay(to)}`);
const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function LineRow({ line }: { line: InvoiceLine }) {
  const cell = "px-3 py-2.5 align-top";
  switch (line.kind) {
    case "tier":
      return (
        <tr className="border-b" data-testid="invoice-line" data-kind="tier">
          <th scope="row" className={`${cell} text-left font-medium`}>
            {line.description}
            <span className="block text-xs font-normal text-muted-foreground sm:hidden">{dates(line.from, line.to)}</span>
            <span className="block text-xs font-normal text-muted-foreground">Prorated: {formatMoney(line.monthlyPriceCents)} × {line.days} ÷ {line.daysInMonth} days</span>
          </th>
          <td className={`${cell} hidden whitespace-nowrap sm:table-cell`}>{dates(line.from, line.to)}</td>
          <td className={`${cell} text-right tabular-nums whitespace-nowrap`}>{count(line.days)} {line.days === 1 ? "day" : "days"}</td>
          <td className={`${cell} hidden text-right tabular-nums whitespace-nowrap sm:table-cell`}>{formatMoney(line.monthlyPriceCents)} / month</td>
          <td className={`${cell} text-right tabular-nums`}>{money(line.amountCents)}</td>
        </tr>
      );
    case "overage":
      return (
        <tr className="border-b" data-testid="invoice-line" data-kind="overage">
          <th scope="row" className={`${cell} text-left font-medium`}>
            {line.description}
            <ul className="mt-1 space-y-0.5 text-xs font-normal text-muted-foreground">
              {line.periods.map((p) => (
                <li key={p.from}>
                  Quota period {dates(p.from, p.to)}: {count(p.used)} of {count(p.quota)} requests, {count(p.overageRequests)} over
                </li>
              ))}
            </ul>
          </th>
          <td className={`${cell} hidden whitespace-nowrap sm:table-cell`}>{line.periods.length > 0 ? dates(line.periods[0]?.from ?? "", line.periods.at(-1)?.to ?? "") : "—"}</td>
          <td className={`${cell} text-right tabular-nums whitespace-nowrap`}>{count(line.overageRequests)} requests</td>
          <td className={`${cell} hidden text-right tabular-nums whitespace-nowrap sm:table-cell`}>{line.pricePer1000Cents > 0 ? `${formatMoney(line.pricePer1000Cents)} / 1,000` : "No charge"}</td>
          <td className={`${cell} text-right tabular-nums`}>{money(line.amountCents)}</td>
        </tr>
      );
    case "adjustment":
      return (
        <tr className="border-b bg-warning-muted/40" data-testid="invoice-line" data-kind="adjustment">
          <th scope="row" className={`${cell} text-left font-medium`}>
            {line.description}
            <span className="block text-xs font-normal text-muted-foreground">{line.note}</span>
            {line.correctedAt ? <span className="block text-xs font-normal text-muted-foreground sm:hidden">Usage stored {utc(line.correctedAt)}</span> : null}
          </th>
          <td className={`${cell} hidden text-xs sm:table-cell`}>{line.correctedAt ? <>Usage stored {utc(line.correctedAt)}</> : "—"}</td>
          <td className={`${cell} text-right tabular-nums whitespace-nowrap`}>{signed(line.requestsDelta)} requests</td>
          <td className={`${cell} hidden text-right sm:table-cell`}>—</td>
          <td className={`${cell} text-right tabular-nums`}>{money(line.amountCents)}</td>
        </tr>
      );
  }
}

export default async function InvoicePage({ params, searchParams }: { params: Promise<{ customerId: string }>; searchParams: Promise<SearchParams> }) {
  const { customerId } = await params;
  const path = `/billing/report/${encodeURIComponent(customerId)}/invoice`;
  const actor = await requirePagePermission("billing.invoice.read", path);
  const query = await searchParams;
  const result = await invoicePreview(actor, customerId, query);
  if (!result.ok && result.error.code === "not_found") notFound();

  const rangeForm = (
    <form action={path} className="flex flex-wrap items-end gap-3" aria-label="Invoice period" data-print-hide>
      <div className="grid gap-1.5">
        <Label htmlFor="invoice-from">From</Label>
        <Input id="invoice-from" name="from" type="date" defaultValue={result.ok ? result.data.range.from : first(query.from)} className="w-40" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="invoice-to">To</Label>
        <Input id="invoice-to" name="to" type="date" defaultValue={result.ok ? result.data.range.to : first(query.to)} className="w-40" />
      </div>
      <Button type="submit" variant="outline">
        Show
      </Button>
    </form>
  );

  if (!result.ok) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold tracking-tight">Invoice preview</h1>
        <Alert tone="error" title="That period cannot be shown" className="mb-4">
          {result.error.message}
        </Alert>
        {rangeForm}
      </>
    );
  }

  const { invoice, range, running } = result.data;
  const backHref = `/billing/report/${encodeURIComponent(customerId)}?from=${range.from}&to=${range.to}`;
  const brand = branding();
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4" data-print-hide>
        <div className="space-y-3">
          <Link href={backHref} className={buttonClass("ghost", "-ml-3")}>
            <ArrowLeft aria-hidden="true" /> {invoice.customer.name}
          </Link>
          {rangeForm}
        </div>
        <PrintButton />
      </div>

      <article data-invoice-document aria-labelledby="invoice-title" className="rounded-lg border bg-card p-5 text-card-foreground shadow-sm sm:p-10">
        <div className="flex flex-wrap items-start justify-between gap-4 border-b pb-6">
          <div>
            <p className="text-sm font-medium text-muted-foreground">{brand.name}</p>
            <h1 id="invoice-title" className="text-2xl font-bold tracking-tight">
              Invoice preview
            </h1>
            <p className="mt-1 text-sm font-semibold uppercase tracking-wide" data-testid="preview-marker">
              Preview — not an invoice
            </p>
          </div>
          <div className="flex flex-col items-start gap-2 sm:items-end">
            {invoice.closed ? (
              <Badge variant="success" data-testid="closed-badge">
                <Lock aria-hidden="true" /> Period closed
              </Badge>
            ) : running ? (
              <Badge variant="warning">Period still running</Badge>
            ) : (
              <Badge variant="info">Period open</Badge>
            )}
          </div>
        </div>

        <dl className="grid gap-4 border-b py-6 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted-foreground">Bill to</dt>
            <dd className="mt-1 font-medium" data-testid="invoice-customer">
              {invoice.customer.name}
            </dd>
            {invoice.customer.company ? <dd>{invoice.customer.company}</dd> : null}
          </div>
          <div>
            <dt className="text-muted-foreground">Period</dt>
            <dd className="mt-1 font-medium" data-testid="invoice-period">
              {dayLabel(range.from)} – {dayLabel(range.to)}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Requests in the period</dt>
            <dd className="mt-1 font-medium tabular-nums">{count(invoice.requests)}</dd>
          </div>
        </dl>

        {invoice.closed ? (
          <p className="border-b py-3 text-sm" data-testid="closed-note">
            Closed on {utc(invoice.closed.closedAt)}
            {invoice.closed.closedByEmail ? ` by ${invoice.closed.closedByEmail}` : ""}: these are the frozen figures. Usage corrected since appears
            as adjustments below.
          </p>
        ) : running ? (
          <p className="border-b py-3 text-sm">The period has not ended: the figures change as usage is stored.</p>
        ) : null}

        {/* Below the sm breakpoint the dates and rates move under each description, so the table fits a phone (the
            totals' labels span the columns shown at each width). */}
        <div className="-mx-3 sm:mx-0">
          <table className="w-full text-sm" aria-label="Line items">
            <thead>
              <tr className="border-b text-left text-xs uppercase tracking-wide text-muted-foreground">
                <th scope="col" className="px-3 py-2 font-medium">
                  Description
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  Dates
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Quantity
                </th>
                <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
                  Rate
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.length === 0 ? (
                <tr className="border-b">
                  <td colSpan={5} className="px-3 py-6 text-center text-muted-foreground">
                    Nothing to bill in this period.
                  </td>
                </tr>
              ) : (
                invoice.lines.map((line, i) => <LineRow key={i} line={line} />)
              )}
            </tbody>
            <tfoot data-keep-together>
              <tr>
                <th scope="row" colSpan={2} className="px-3 pt-4 pb-1 text-right font-medium sm:hidden">
                  Subtotal
                </th>
                <th scope="row" colSpan={4} className="hidden px-3 pt-4 pb-1 text-right font-medium sm:table-cell">
                  Subtotal
                </th>
                <td className="px-3 pt-4 pb-1 text-right tabular-nums" data-testid="invoice-subtotal">
                  {money(invoice.subtotalCents)}
                </td>
              </tr>
              {invoice.closed ? (
                <tr>
                  <th scope="row" colSpan={2} className="px-3 py-1 text-right font-medium sm:hidden">
                    Adjustments after closing
                  </th>
                  <th scope="row" colSpan={4} className="hidden px-3 py-1 text-right font-medium sm:table-cell">
                    Adjustments after closing
                  </th>
                  <td className="px-3 py-1 text-right tabular-nums" data-testid="invoice-adjustments">
                    {money(invoice.adjustmentsCents)}
                  </td>
                </tr>
              ) : null}
              <tr className="text-base">
                <th scope="row" colSpan={2} className="px-3 pt-2 text-right font-bold sm:hidden">
                  Total
                </th>
                <th scope="row" colSpan={4} className="hidden px-3 pt-2 text-right font-bold sm:table-cell">
                  Total
                </th>
                <td className="px-3 pt-2 text-right font-bold tabular-nums" data-testid="invoice-total">
                  {money(invoice.totalCents)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>

        <p className="mt-8 border-t pt-4 text-xs text-muted-foreground">
          A preview computed from stored usage: tier prices prorated by days on each tier, overage per 1,000 requests over the pooled quota. It
          is not an invoice and asks for no payment. Customer reference {invoice.customer.id}.
        </p>
      </article>
    </>
  );
}
