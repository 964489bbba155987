import { Skeleton } from "@/components/ui/skeleton";

/**
 * The page's shape while CloudWatch answers. Rendered by a Suspense boundary inside the page, after the permission
 * check: a route-level loading.tsx would start the response (200) before the guard could answer 403 or redirect.
 */
export function AlarmsSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading the alarms…</span>
      <div className="flex flex-wrap gap-3">
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-9 w-40" />
      </div>
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
