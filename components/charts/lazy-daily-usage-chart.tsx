"use client";

// The daily usage chart without blocking the page: recharts (the portal's largest script) is fetched only once the
// chart's place is near the viewport and the browser is idle, and until then a placeholder of the same size holds
// the space (no layout shift). The page's figures (summary cards, per-key table) are server-rendered around it.
import dynamic from "next/dynamic";
import { useRef } from "react";
import { ChartPlaceholder } from "@/components/charts/chart-placeholder";
import type { DailyUsageChartProps } from "@/components/charts/daily-usage-chart";
import { useNearViewport } from "@/components/charts/use-near-viewport";

const placeholder = (summary: string) => <ChartPlaceholder summary={summary} heightClass="h-[260px]" testId="usage-chart-placeholder" />;

const DailyUsageChart = dynamic(() => import("@/components/charts/daily-usage-chart").then((m) => m.DailyUsageChart), {
  ssr: false,
  loading: () => placeholder("Loading the chart…"),
});

/** `summary` is shown (server-rendered) while the chart loads: the 30-day total in words. */
export function LazyDailyUsageChart({ summary, ...props }: DailyUsageChartProps & { summary: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const load = useNearViewport(ref, { whenIdle: true });
  return <div ref={ref}>{load ? <DailyUsageChart {...props} /> : placeholder(summary)}</div>;
}
