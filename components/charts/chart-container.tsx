"use client";

// The one chart wrapper (shadcn/ui's ChartContainer shape): every chart names its series in a ChartConfig, and each
// series' colour is a CSS variable (--color-<key>) set from the design tokens (var(--chart-1) …), so dark mode and
// branding recolour every chart at once. Grid, axes, cursor and tooltip take their colours from tokens too. Colours
// are set through the style attribute (allowed by the CSP's style-src-attr), never an injected <style>.
import type { CSSProperties, ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

export type ChartConfig = Record<string, { label: string; color: string }>;

const PALETTE = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"] as const;

/** The token colour of the series at `index` (the five chart colours, in order, then again). */
export function chartColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? PALETTE[0];
}

/** `var(--color-<key>)`: what a recharts fill or stroke uses for a series of the config. */
export function seriesVar(key: string): string {
  return `var(--color-${key})`;
}

export function ChartContainer({ config, className, children }: { config: ChartConfig; className?: string; children: ReactNode }) {
  const vars: Record<string, string> = {};
  for (const [key, { color }] of Object.entries(config)) vars[`--color-${key}`] = color;
  return (
    <div
      data-slot="chart"
      style={vars as CSSProperties}
      className={cn(
        "w-full text-xs",
        "[&_.recharts-cartesian-grid_line]:stroke-border [&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground",
        "[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-reference-line_line]:stroke-destructive",
        "[&_.recharts-reference-line_text]:fill-destructive [&_.recharts-legend-item-text]:text-foreground!",
        "[&_.recharts-surface]:outline-none",
        className,
      )}
    >
      {children}
    </div>
  );
}

export interface TooltipRow {
  key: string;
  label: string;
  value: string;
}

/** A tooltip in the tokens' colours: a heading and one row per series, with its colour swatch. */
export function ChartTooltipContent({ heading, rows, total }: { heading: string; rows: TooltipRow[]; total?: string }) {
  return (
    <div className="min-w-36 rounded-md border border-border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="mb-1 font-medium">{heading}</p>
      <ul className="space-y-0.5">
        {rows.map((r) => (
          <li key={r.key} className="flex items-center gap-2">
            <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ background: seriesVar(r.key) }} />
            <span className="text-muted-foreground">{r.label}</span>
            <span className="ml-auto font-mono tabular-nums">{r.value}</span>
          </li>
        ))}
      </ul>
      {total ? <p className="mt-1 border-t border-border pt-1 text-right font-medium tabular-nums">{total}</p> : null}
    </div>
  );
}
