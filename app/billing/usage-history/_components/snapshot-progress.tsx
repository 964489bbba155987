/** How far a snapshot run is: plans swept of all plans, as a labelled progress bar. */
export function SnapshotProgress({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 100;
  return (
    <div className="min-w-32 space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} usage plans`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <span className="block text-xs tabular-nums text-muted-foreground">
        {done} / {total} plans
      </span>
    </div>
  );
}
