export function DocsSkeleton() {
  return (
    <div role="status" aria-label="Loading the API documentation" className="animate-pulse space-y-6">
      <div className="space-y-2">
        <div className="h-7 w-64 max-w-full rounded bg-muted" />
        <div className="h-4 w-96 max-w-full rounded bg-muted" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <div className="hidden h-64 rounded-lg bg-muted lg:block" />
        <div className="space-y-6">
          <div className="h-40 rounded-lg bg-muted" />
          <div className="h-64 rounded-lg bg-muted" />
          <div className="h-64 rounded-lg bg-muted" />
        </div>
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
