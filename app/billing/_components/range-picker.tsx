import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatMonth } from "@/lib/format/billing";

function shiftMonth(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The report's period: a calendar month (with the months before and after one click away) or any range of days.
 * Plain GET forms: the URL holds the period, the server validates it (lib/billing/period-report.schema.ts) and the
 * messages show by their fields. `keep` carries the filters and sorting across a change of period.
 */
export function RangePicker({ month, from, to, errors, keep }: { month: string; from: string; to: string; errors: Record<string, string>; keep: string }) {
  const keepParams = [...new URLSearchParams(keep).entries()];
  const monthHref = (m: string) => `/billing?${new URLSearchParams([["month", m], ...keepParams]).toString()}`;
  const canStep = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const hidden = keepParams.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  return (
    <div className="grid gap-4 rounded-lg border bg-card p-4 shadow-sm lg:grid-cols-2" data-testid="range-picker">
      <form action="/billing" aria-label="Choose a month" className="flex flex-wrap items-end gap-2">
        {hidden}
        {canStep ? (
          <Link href={monthHref(shiftMonth(month, -1))} className={buttonClass("outline", "h-10 px-3")} aria-label={`Previous month, ${formatMonth(shiftMonth(month, -1))}`}>
            <ChevronLeft aria-hidden="true" />
          </Link>
        ) : null}
        <div className="min-w-0 flex-1 sm:flex-none">
          <Field label="Month" name="month" type="month" defaultValue={month} min="2000-01" max="2100-12" errors={errors.month ? [errors.month] : undefined} required />
        </div>
        {canStep ? (
          <Link href={monthHref(shiftMonth(month, 1))} className={buttonClass("outline", "h-10 px-3")} aria-label={`Next month, ${formatMonth(shiftMonth(month, 1))}`}>
            <ChevronRight aria-hidden="true" />
          </Link>
        ) : null}
        <button type="submit" className={buttonClass("default", "h-10")}>
          Show month
        </button>
      </form>
      <form action="/billing" aria-label="Choose a range of days" className="flex flex-wrap items-end gap-2">
        {hidden}
        <div className="min-w-0 flex-1">
          <Field label="From" name="from" type="date" defaultValue={from} errors={errors.from ? [errors.from] : undefined} required />
        </div>
        <div className="min-w-0 flex-1">
          <Field label="To" name="to" type="date" defaultValue={to} errors={errors.to ? [errors.to] : undefined} required />
        </div>
        <button type="submit" className={buttonClass("outline", "h-10")}>
          Show range
        </button>
      </form>
    </div>
  );
}
