// What a lazily loaded chart shows until recharts has drawn it: its summary in words (read by screen readers) over
// a pulsing box of the chart's own height, so nothing moves when the chart arrives.
export function ChartPlaceholder({ summary, heightClass, testId }: { summary: string; heightClass: string; testId: string }) {
  return (
    <div className="space-y-3" role="status" aria-label="Loading the chart" data-testid={testId}>
      <p className="text-sm text-muted-foreground">{summary}</p>
      <div className={`${heightClass} w-full animate-pulse rounded-md bg-muted`} />
    </div>
  );
}
