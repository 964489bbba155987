"use client";

// The daily usage chart without blocking the page: recharts (the portal's largest script) is fetched only once the
// chart's place is near the viewport and the browser is idle, and until then a placeholder of the same size holds
// the space (no layout shift). The page's figures (summary cards, per-key table) are server-rendered around it.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { DailyUsageChartProps } from "@/components/charts/daily-usage-chart";

const CHART_BOX = "h-[260px]";

function ChartSkeleton({ summary }: { summary: string }) {
  return (
    <div className="space-y-3" role="status" aria-label="Loading the chart" data-testid="usage-chart-placeholder">
      <p className="text-sm text-muted-foreground">{summary}</p>
      <div className={`${CHART_BOX} w-full animate-pulse rounded-md bg-muted`} />
    </div>
  );
}

const DailyUsageChart = dynamic(() => import("@/components/charts/daily-usage-chart").then((m) => m.DailyUsageChart), {
  ssr: false,
  loading: () => <ChartSkeleton summary="Loading the chart…" />,
});

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };

/** `summary` is shown (server-rendered) while the chart loads: the 30-day total in words. */
export function LazyDailyUsageChart({ summary, ...props }: DailyUsageChartProps & { summary: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const w = window as IdleWindow;
    let idle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      observer.disconnect();
      if (w.requestIdleCallback) idle = w.requestIdleCallback(() => setLoad(true), { timeout: 1500 });
      else timer = setTimeout(() => setLoad(true), 200);
    };
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) start();
    }, { rootMargin: "100px" });
    observer.observe(element);
    return () => {
      observer.disconnect();
      if (idle !== undefined) w.cancelIdleCallback?.(idle);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  return <div ref={ref}>{load ? <DailyUsageChart {...props} /> : <ChartSkeleton summary={summary} />}</div>;
}
