"use client";

import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { seriesColor } from "@/components/charts/chart-colors";
import { formatCount, formatShortDay } from "@/lib/format/usage";

export interface DailySeries {
  id: string;
  name: string;
  /** One count per day in `days`. */
  values: number[];
  /** The key's daily quota, drawn as a line when the key is shown alone (only for DAY quotas). */
  dailyQuota?: number | null;
}

const ALL = "all";
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * Requests per day as bars: all series stacked, or one series picked with the selector. The chart is drawn for
 * sighted users; the same numbers are in a visually hidden table for screen readers, and the selector and the
 * chart's own keyboard layer (arrow keys move the tooltip) are reachable with Tab.
 */
export function DailyUsageChart({ days, series, title }: { days: string[]; series: DailySeries[]; title: string }) {
  const [selected, setSelected] = useState<string>(ALL);
  const selectId = useId();
  const descriptionId = useId();
  const shown = selected === ALL ? series : series.filter((s) => s.id === selected);
  const data = days.map((day, i) => {
    const point: Record<string, number | string> = { day };
    for (const s of shown) point[s.id] = s.values[i] ?? 0;
    return point;
  });
  const totals = days.map((_, i) => shown.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const total = totals.reduce((sum, n) => sum + n, 0);
  const busiest = totals.reduce((best, n, i) => (n > (totals[best] ?? 0) ? i : best), 0);
  const quotaLine = shown.length === 1 ? shown[0]?.dailyQuota ?? null : null;
  const label = selected === ALL ? (series.length > 1 ? "all keys" : `key “${series[0]?.name ?? ""}”`) : `key “${shown[0]?.name ?? ""}”`;

  return (
    <figure className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <figcaption id={descriptionId} className="text-sm text-slate-600">
          {formatCount(total)} requests in the last {days.length} days for {label}
          {total > 0 ? `; busiest day ${formatShortDay(days[busiest] ?? "")} with ${formatCount(totals[busiest] ?? 0)}` : ""}.
        </figcaption>
        {series.length > 1 ? (
          <div className="flex items-center gap-2 text-sm">
            <label htmlFor={selectId} className="font-medium text-slate-700">
              Show
            </label>
            <select
              id={selectId}
              value={selected}
              onChange={(e) => setSelected(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            >
              <option value={ALL}>All keys (stacked)</option>
              {series.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>

      <div>
        <BarChart
          responsive
          style={{ width: "100%", height: 260 }}
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={title}
          desc={`Bar chart: ${formatCount(total)} requests in the last ${days.length} days for ${label}. The numbers are in the table below the chart.`}
          aria-describedby={descriptionId}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tick={{ fontSize: 12, fill: "#475569" }} interval="preserveStartEnd" minTickGap={24} tickLine={false} />
          <YAxis tickFormatter={(n: number) => compact.format(n)} tick={{ fontSize: 12, fill: "#475569" }} width={44} allowDecimals={false} tickLine={false} axisLine={false} />
          <Tooltip
            labelFormatter={(day) => (typeof day === "string" ? formatShortDay(day) : String(day))}
            formatter={(value, name) => [typeof value === "number" ? formatCount(value) : String(value), String(name)]}
            cursor={{ fill: "#f1f5f9" }}
          />
          {shown.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {quotaLine !== null ? <ReferenceLine y={quotaLine} ifOverflow="extendDomain" stroke="#dc2626" strokeDasharray="4 4" label={{ value: "daily quota", position: "insideTopRight", fontSize: 11, fill: "#b91c1c" }} /> : null}
          {shown.map((s) => (
            <Bar key={s.id} dataKey={s.id} name={s.name} stackId="usage" fill={seriesColor(series.indexOf(s))} isAnimationActive={false} maxBarSize={28} />
          ))}
        </BarChart>
      </div>

      <table className="sr-only">
        <caption>Requests per day, {label}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {shown.map((s) => (
              <th key={s.id} scope="col">
                {s.name}
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
                <td key={s.id}>{formatCount(s.values[i] ?? 0)}</td>
              ))}
              {shown.length > 1 ? <td>{formatCount(totals[i] ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
