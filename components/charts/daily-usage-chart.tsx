"use client";

// Loaded lazily (components/charts/lazy-daily-usage-chart.tsx): recharts is the heaviest script of the portal, so it
// never blocks the page's first render. Import this file only through the lazy wrapper.
import { useId, useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltipContent, chartColor, seriesVar, type ChartConfig } from "@/components/charts/chart-container";
import { formatCount, formatShortDay } from "@/lib/format/usage";
import type { ChartSeries } from "@/lib/usage/chart-series";

export const CHART_HEIGHT = 260;
const ALL = "all";
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export interface DailyUsageChartProps {
  days: string[];
  /** One series per key lineage (lib/usage/chart-series.ts). */
  series: ChartSeries[];
  title: string;
}

/**
 * Requests per day as bars: all series stacked, or one series picked with the selector. The chart is drawn for
 * sighted users; the same numbers are in a visually hidden table for screen readers, and the selector and the
 * chart's own keyboard layer (arrow keys move the tooltip) are reachable with Tab.
 */
export function DailyUsageChart({ days, series, title }: DailyUsageChartProps) {
  const [selected, setSelected] = useState<string>(ALL);
  const selectId = useId();
  const descriptionId = useId();
  // Stable series keys for CSS variables (--color-s0 …) and the data points: computed once per set of figures.
  const keyed = useMemo(() => series.map((s, i) => ({ ...s, key: `s${i}`, color: chartColor(i) })), [series]);
  const config = useMemo<ChartConfig>(() => Object.fromEntries(keyed.map((s) => [s.key, { label: s.label, color: s.color }])), [keyed]);
  const shown = useMemo(() => (selected === ALL ? keyed : keyed.filter((s) => s.id === selected)), [keyed, selected]);
  const { data, totals } = useMemo(() => {
    const points = days.map((day, i) => {
      const point: Record<string, number | string> = { day };
      for (const s of shown) point[s.key] = s.values[i] ?? 0;
      return point;
    });
    return { data: points, totals: days.map((_, i) => shown.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)) };
  }, [days, shown]);
  const total = totals.reduce((sum, n) => sum + n, 0);
  const busiest = totals.reduce((best, n, i) => (n > (totals[best] ?? 0) ? i : best), 0);
  const quotaLine = shown.length === 1 ? (shown[0]?.dailyQuota ?? null) : null;
  const label = selected === ALL ? (series.length > 1 ? "all keys" : `key “${series[0]?.label ?? ""}”`) : `key “${shown[0]?.label ?? ""}”`;

  return (
    <figure className="space-y-3" data-testid="usage-chart">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <figcaption id={descriptionId} className="text-sm text-muted-foreground">
          {formatCount(total)} requests in the last {days.length} days for {label}
          {total > 0 ? `; busiest day ${formatShortDay(days[busiest] ?? "")} with ${formatCount(totals[busiest] ?? 0)}` : ""}.
        </figcaption>
        {series.length > 1 ? (
          <div className="flex items-center gap-2 text-sm">
            <label htmlFor={selectId} className="font-medium text-foreground">
              Show
            </label>
            <select
              id={selectId}
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
              className="max-w-[14rem] rounded-md border border-input bg-background px-2 py-1 text-sm text-foreground"
            >
              <option value={ALL}>All keys (stacked)</option>
              {keyed.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>

      <ChartContainer config={config}>
        <BarChart
          responsive
          style={{ width: "100%", height: CHART_HEIGHT }}
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={title}
          desc={`Bar chart: ${formatCount(total)} requests in the last ${days.length} days for ${label}. The numbers are in the table below the chart.`}
          aria-describedby={descriptionId}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={24} tickLine={false} />
          <YAxis tickFormatter={(n: number) => compact.format(n)} tick={{ fontSize: 12 }} width={44} allowDecimals={false} tickLine={false} axisLine={false} />
          <Tooltip
            isAnimationActive={false}
            content={({ active, label: day }) => {
              const i = typeof day === "string" ? days.indexOf(day) : -1;
              if (!active || i < 0) return null;
              return (
                <ChartTooltipContent
                  heading={formatShortDay(days[i] ?? "")}
                  rows={shown.map((s) => ({ key: s.key, label: s.label, value: formatCount(s.values[i] ?? 0) }))}
                  total={shown.length > 1 ? `${formatCount(totals[i] ?? 0)} in all` : undefined}
                />
              );
            }}
          />
          {shown.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {quotaLine !== null ? (
            <ReferenceLine y={quotaLine} ifOverflow="extendDomain" strokeDasharray="4 4" label={{ value: "daily quota", position: "insideTopRight", fontSize: 11 }} />
          ) : null}
          {shown.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="usage" fill={seriesVar(s.key)} isAnimationActive={false} maxBarSize={28} />
          ))}
        </BarChart>
      </ChartContainer>

      {/* sr-only on a wrapper: a <table> ignores the 1px width and would widen the page. */}
      <div className="sr-only">
      <table>
        <caption>Requests per day, {label}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {shown.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
            {shown.length > 1 ? <th scope="col">All keys</th> : null}
          </tr>
        </thead>
        <tbody>
          {days.map((day, i) => (
            <tr key={day}>
              <th scope="row">{formatShortDay(day)}</th>
              {shown.map((s) => (
                <td key={s.key}>{formatCount(s.values[i] ?? 0)}</td>
              ))}
              {shown.length > 1 ? <td>{formatCount(totals[i] ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
