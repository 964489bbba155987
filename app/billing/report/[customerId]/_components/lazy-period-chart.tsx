"use client";

// The period chart without blocking the page (as components/charts/lazy-daily-usage-chart.tsx): recharts is fetched
// once the chart's place is near the viewport and the browser is idle; a placeholder of the same size holds the space.
import dynamic from "next/dynamic";
import { useRef } from "react";
import { ChartPlaceholder } from "@/components/charts/chart-placeholder";
import { useNearViewport } from "@/components/charts/use-near-viewport";
import type { PeriodChartProps } from "./period-chart";

const placeholder = (summary: string) => <ChartPlaceholder summary={summary} heightClass="h-[260px]" testId="period-chart-placeholder" />;

const PeriodChart = dynamic(() => import("./period-chart").then((m) => m.PeriodChart), {
  ssr: false,
  loading: () => placeholder("Loading the chart…"),
});

export function LazyPeriodChart({ summary, ...props }: PeriodChartProps & { summary: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const load = useNearViewport(ref, { whenIdle: true });
  return <div ref={ref}>{load ? <PeriodChart {...props} /> : placeholder(summary)}</div>;
}
