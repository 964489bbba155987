/** The usage page's shape while figures load (a first visit may read them from AWS first). */
export function UsageSkeleton() {
  return (
    <div role="status" aria-label="Loading your usage" className="animate-pulse space-y-6">
      <div className="h-5 w-56 rounded bg-muted" />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <div className="col-span-2 h-28 rounded-lg bg-muted lg:col-span-1" />
        <div className="h-28 rounded-lg bg-muted" />
        <div className="h-28 rounded-lg bg-muted" />
        <div className="h-28 rounded-lg bg-muted" />
        <div className="h-28 rounded-lg bg-muted" />
      </div>
      <div className="h-80 rounded-lg bg-muted" />
      <div className="h-48 rounded-lg bg-muted" />
      <span className="sr-only">Loading your usage…</span>
    </div>
  );
}
