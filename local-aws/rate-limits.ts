/** API Gateway's per-account control-plane rate limits (see AWS-FACTS.md), as token buckets. */
import { TokenBucket } from './token-bucket';

interface Limit {
  rate: number;
  burst: number;
}

const ACCOUNT_LIMIT: Limit = { rate: 10, burst: 40 };
const OPERATION_LIMITS: Record<string, Limit> = {
  CreateApiKey: { rate: 5, burst: 5 },
  DeleteApiKey: { rate: 5, burst: 5 },
  UpdateUsagePlan: { rate: 1 / 20, burst: 1 },
};

export class ControlPlaneRateLimiter {
  private readonly account: TokenBucket;
  private readonly perOperation = new Map<string, TokenBucket>();

  constructor(
    public enabled: boolean,
    private readonly now: () => number,
  ) {
    this.account = new TokenBucket(ACCOUNT_LIMIT.rate, ACCOUNT_LIMIT.burst, now());
  }

  /**
   * Takes a token for `operation` from its own bucket and the account bucket.
   * Returns undefined when allowed, else the Retry-After in whole seconds (nothing is consumed then).
   */
  admit(operation: string): number | undefined {
    if (!this.enabled) return undefined;
    const now = this.now();
    const buckets = [this.account];
    const limit = OPERATION_LIMITS[operation];
    if (limit) {
      let bucket = this.perOperation.get(operation);
      if (!bucket) {
        bucket = new TokenBucket(limit.rate, limit.burst, now);
        this.perOperation.set(operation, bucket);
      }
      buckets.push(bucket);
    }
    const waitMs = Math.max(...buckets.map((b) => b.waitMs(now)));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const b of buckets) b.take(now);
    return undefined;
  }
}
