"use client";

// Loaded lazily (components/charts/lazy-metric-chart.tsx): recharts is the portal's heaviest script. One chart of
// CloudWatch series over time, as lines or stacked bars, with a tooltip, a legend and a screen-reader table.
import { useId, useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltipContent, chartColor, seriesVar, type ChartConfig } from "@/components/charts/chart-container";
import { formatCompact, formatCount, formatMs, formatRate, formatSlot } from "@/lib/metrics/format";

export const METRIC_CHART_HEIGHT = 220;

export type MetricUnit = "count" | "ms" | "percent";

export interface MetricChartProps {
  title: string;
  /** One sentence about what the chart shows (also its caption). */
  summary: string;
  kind: "line" | "bar";
  unit: MetricUnit;
  period: number;
  series: { key: string; label: string }[];
  /** One point per period: `t` (epoch seconds) and a value (or null) per series key. */
  points: Array<{ t: number } & Record<string, number | null>>;
}

export function formatValue(unit: MetricUnit, v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (unit === "ms") return formatMs(v);
  if (unit === "percent") return formatRate(v);
  return formatCount(v);
}

const axisValue = (unit: MetricUnit) => (v: number) => (unit === "ms" ? `${formatCompact(v)}ms` : unit === "percent" ? `${formatCompact(v)}%` : formatCompact(v));

export function MetricChart({ title, summary, kind, unit, period, series, points }: MetricChartProps) {
  const captionId = useId();
  const keyed = useMemo(() => series.map((s, i) => ({ ...s, color: chartColor(i) })), [series]);
  const config = useMemo<ChartConfig>(() => Object.fromEntries(keyed.map((s) => [s.key, { label: s.label, color: s.color }])), [keyed]);
  const hasData = points.some((p) => series.some((s) => (p[s.key] ?? 0) !== 0));
  const byT = useMemo(() => new Map(points.map((p) => [p.t, p])), [points]);
  // Sparse averages and rates (a few periods with data) get dots, or a lone point would not show as a line. Counts
  // are 0 where there is no data, so their lines are whole.
  const sparse = useMemo(
    () => new Set(unit === "count" ? [] : series.filter((s) => points.filter((p) => p[s.key] !== null && p[s.key] !== undefined).length <= 40).map((s) => s.key)),
    [series, points, unit],
  );

  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="t" tickFormatter={(t: number) => formatSlot(t, period)} tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={28} tickLine={false} />
      <YAxis tickFormatter={axisValue(unit)} tick={{ fontSize: 12 }} width={52} allowDecimals={unit !== "count"} tickLine={false} axisLine={false} />
      <Tooltip
        isAnimationActive={false}
        content={({ active, label }) => {
          const p = typeof label === "number" ? byT.get(label) : undefined;
          if (!active || !p) return null;
          return <ChartTooltipContent heading={formatSlot(p.t, period, true)} rows={keyed.map((s) => ({ key: s.key, label: s.label, value: formatValue(unit, p[s.key]) }))} />;
        }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
    </>
  );
  const common = {
    responsive: true,
    style: { width: "100%", height: METRIC_CHART_HEIGHT },
    data: points,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
    title,
    desc: `${summary} The figures are in the table after the chart.`,
    "aria-describedby": captionId,
  } as const;

  return (
    <figure className="space-y-2" data-testid="metric-chart">
      <figcaption id={captionId} className="text-sm text-muted-foreground">
        {summary}
      </figcaption>
      {hasData ? (
        <ChartContainer config={config}>
          {kind === "bar" ? (
            <BarChart {...common}>
              {axes}
              {keyed.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={seriesVar(s.key)} isAnimationActive={false} maxBarSize={24} />
              ))}
            </BarChart>
          ) : (
            <LineChart {...common}>
              {axes}
              {keyed.map((s, i) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  type="monotone"
                  stroke={seriesVar(s.key)}
                  strokeWidth={2}
                  // After the five chart colours, dashes tell series of the same colour apart.
                  strokeDasharray={i >= 5 ? "5 3" : undefined}
                  dot={sparse.has(s.key) ? { r: 2.5, fill: seriesVar(s.key) } : false}
                  // Counts are 0 where there is no data; averages and rates have gaps, which the line spans.
                  connectNulls={unit !== "count"}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </ChartContainer>
      ) : (
        <div className="flex h-[220px] items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground" data-testid="metric-chart-empty">
          No data in this range.
        </div>
      )}
      {/* sr-only on a wrapper: a <table> ignores the 1px width and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Period (UTC)</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points
              .filter((p) => series.some((s) => p[s.key] !== null && p[s.key] !== 0))
              .map((p) => (
                <tr key={p.t}>
                  <th scope="row">{formatSlot(p.t, period, true)}</th>
                  {series.map((s) => (
                    <td key={s.key}>{formatValue(unit, p[s.key])}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
