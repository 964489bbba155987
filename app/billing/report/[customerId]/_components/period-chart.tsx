"use client";

// Loaded lazily (lazy-period-chart.tsx): recharts never blocks the page's first render. The same figures are in the
// page's day table, so the chart itself is hidden from screen readers apart from its description.
import { useId } from "react";
import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltipContent, chartColor, seriesVar } from "@/components/charts/chart-container";
import { formatCount, formatShortDay } from "@/lib/format/usage";

export interface PeriodChartProps {
  days: string[];
  used: number[];
  /** The day's quota when the tier's quota is per day (a line); null on other days. */
  dailyQuota: (number | null)[];
  atQuota: boolean[];
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const config = { used: { label: "Requests", color: chartColor(0) }, atQuota: { label: "At quota", color: "var(--destructive)" }, quota: { label: "Daily quota", color: chartColor(3) } };

export function PeriodChart({ days, used, dailyQuota, atQuota }: PeriodChartProps) {
  const descriptionId = useId();
  const data = days.map((day, i) => ({ day, used: used[i] ?? 0, quota: dailyQuota[i] ?? null }));
  const total = used.reduce((s, n) => s + n, 0);
  const hasQuotaLine = dailyQuota.some((q) => q !== null);
  return (
    <figure className="space-y-2" data-testid="period-chart">
      <figcaption id={descriptionId} className="text-sm text-muted-foreground">
        {formatCount(total)} requests over {days.length} days; bars in red are days at the quota{hasQuotaLine ? ", the line is the daily quota" : ""}.
      </figcaption>
      <ChartContainer config={config}>
        <ComposedChart
          responsive
          style={{ width: "100%", height: 260 }}
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          desc={`Requests per day, ${formatCount(total)} in all. The numbers are in the table below the chart.`}
          aria-describedby={descriptionId}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={24} tickLine={false} />
          <YAxis tickFormatter={(n: number) => compact.format(n)} tick={{ fontSize: 12 }} width={44} allowDecimals={false} tickLine={false} axisLine={false} />
          <Tooltip
            isAnimationActive={false}
            content={({ active, label }) => {
              const i = typeof label === "string" ? days.indexOf(label) : -1;
              if (!active || i < 0) return null;
              const rows = [{ key: atQuota[i] ? "atQuota" : "used", label: atQuota[i] ? "Requests (at quota)" : "Requests", value: formatCount(used[i] ?? 0) }];
              const q = dailyQuota[i];
              if (q !== null && q !== undefined) rows.push({ key: "quota", label: "Daily quota", value: formatCount(q) });
              return <ChartTooltipContent heading={formatShortDay(days[i] ?? "")} rows={rows} />;
            }}
          />
          <Bar dataKey="used" name="Requests" isAnimationActive={false} maxBarSize={28}>
            {data.map((d, i) => (
              <Cell key={d.day} fill={seriesVar(atQuota[i] ? "atQuota" : "used")} />
            ))}
          </Bar>
          {hasQuotaLine ? <Line dataKey="quota" name="Daily quota" type="stepAfter" stroke={seriesVar("quota")} strokeDasharray="4 4" dot={false} isAnimationActive={false} connectNulls={false} /> : null}
        </ComposedChart>
      </ChartContainer>
    </figure>
  );
}
