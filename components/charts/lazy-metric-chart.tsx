"use client";

// A CloudWatch chart without blocking the page: recharts is fetched once the chart's place is near the viewport,
// and a placeholder of the same height holds the space meanwhile (no layout shift).
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { MetricChartProps } from "@/components/charts/metric-chart";

function ChartSkeleton({ summary }: { summary: string }) {
  return (
    <div className="space-y-2" role="status" aria-label="Loading the chart" data-testid="metric-chart-placeholder">
      <p className="text-sm text-muted-foreground">{summary}</p>
      <div className="h-[220px] w-full animate-pulse rounded-md bg-muted" />
    </div>
  );
}

const MetricChart = dynamic(() => import("@/components/charts/metric-chart").then((m) => m.MetricChart), {
  ssr: false,
  loading: () => <ChartSkeleton summary="Loading the chart…" />,
});

export function LazyMetricChart(props: MetricChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          setLoad(true);
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return <div ref={ref}>{load ? <MetricChart {...props} /> : <ChartSkeleton summary={props.summary} />}</div>;
}
