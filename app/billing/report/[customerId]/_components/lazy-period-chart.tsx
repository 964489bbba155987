"use client";

// The period chart without blocking the page (as components/charts/lazy-daily-usage-chart.tsx): recharts is fetched
// once the chart's place is near the viewport and the browser is idle; a placeholder of the same size holds the space.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { PeriodChartProps } from "./period-chart";

function ChartSkeleton({ summary }: { summary: string }) {
  return (
    <div className="space-y-3" role="status" aria-label="Loading the chart" data-testid="period-chart-placeholder">
      <p className="text-sm text-muted-foreground">{summary}</p>
      <div className="h-[260px] w-full animate-pulse rounded-md bg-muted" />
    </div>
  );
}

const PeriodChart = dynamic(() => import("./period-chart").then((m) => m.PeriodChart), {
  ssr: false,
  loading: () => <ChartSkeleton summary="Loading the chart…" />,
});

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };

export function LazyPeriodChart({ summary, ...props }: PeriodChartProps & { summary: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const w = window as IdleWindow;
    let idle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        if (w.requestIdleCallback) idle = w.requestIdleCallback(() => setLoad(true), { timeout: 1500 });
        else timer = setTimeout(() => setLoad(true), 200);
      },
      { rootMargin: "100px" },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      if (idle !== undefined) w.cancelIdleCallback?.(idle);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return <div ref={ref}>{load ? <PeriodChart {...props} /> : <ChartSkeleton summary={summary} />}</div>;
}
