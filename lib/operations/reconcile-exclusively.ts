import "server-only";
import { runExclusive, type Exclusive } from "@/lib/jobs/lease";
import { reconcile, type ReconcileReport } from "@/lib/operations/reconcile";

/** How long a reconcile that crashed keeps others from reconciling; a running one renews it. */
const RECONCILE_LEASE_MS = 60_000;

/**
 * Reconciles unless another process (a worker's periodic run, an admin's "Reconcile now" on another replica) is
 * reconciling: two at once would repair the same drift twice.
 */
export function reconcileExclusively(): Promise<Exclusive<ReconcileReport>> {
  return runExclusive("reconcile", RECONCILE_LEASE_MS, reconcile);
}
