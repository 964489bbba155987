/** Quota enforcement: a request is admitted while the key's remaining quota for the current period is above zero. */
import type { KeyUsageRecord, UsagePlanRecord } from '../state';
import { remainingAt } from '../usage-ledger';

export function withinQuota(plan: UsagePlanRecord, usage: KeyUsageRecord | undefined, today: number): boolean {
  const remaining = remainingAt(plan, usage, today);
  return remaining === undefined || remaining > 0;
}
