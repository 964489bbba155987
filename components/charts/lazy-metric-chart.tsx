"use client";

// A CloudWatch chart without blocking the page: recharts is fetched once the chart's place is near the viewport,
// and a placeholder of the same height holds the space meanwhile (no layout shift).
import dynamic from "next/dynamic";
import { useRef } from "react";
import { ChartPlaceholder } from "@/components/charts/chart-placeholder";
import type { MetricChartProps } from "@/components/charts/metric-chart";
import { useNearViewport } from "@/components/charts/use-near-viewport";

const placeholder = (summary: string) => <ChartPlaceholder summary={summary} heightClass="h-[220px]" testId="metric-chart-placeholder" />;

const MetricChart = dynamic(() => import("@/components/charts/metric-chart").then((m) => m.MetricChart), {
  ssr: false,
  loading: () => placeholder("Loading the chart…"),
});

export function LazyMetricChart(props: MetricChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const load = useNearViewport(ref, { rootMargin: "200px" });
  return <div ref={ref}>{load ? <MetricChart {...props} /> : placeholder(props.summary)}</div>;
}
