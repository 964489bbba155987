// API Gateway's per-account control-plane limits (AWS-FACTS.md): CreateApiKey 5/s, DeleteApiKey 5/s,
// UpdateUsagePlan 1 per 20 s, all management calls together 10/s with bursts of 40. Gatehouse paces its own calls
// to stay inside them, so a burst of sign-ups queues instead of failing.

export interface BucketSpec {
  ratePerSecond: number;
  burst: number;
}

export const accountLimit: BucketSpec = { ratePerSecond: 10, burst: 40 };
export const operationLimits: Record<string, BucketSpec> = {
  CreateApiKeyCommand: { ratePerSecond: 5, burst: 5 },
  DeleteApiKeyCommand: { ratePerSecond: 5, burst: 5 },
  UpdateUsagePlanCommand: { ratePerSecond: 1 / 20, burst: 1 },
};

/** A token bucket that hands out waiting times instead of refusing: callers sleep until their token is due. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly spec: BucketSpec,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = spec.burst;
    this.updatedAt = now();
  }

  /** Reserves one token; returns how many milliseconds to wait before using it. */
  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.spec.ratePerSecond);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.spec.ratePerSecond) * 1000);
  }
}

/** Paces calls by command name: the wait is the longer of the command's own bucket and the account-wide one. */
export class ControlPlanePacer {
  private readonly account: TokenBucket;
  private readonly perOperation = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number = Date.now) {
    this.account = new TokenBucket(accountLimit, now);
  }

  reserve(commandName: string): number {
    const spec = operationLimits[commandName];
    let own = 0;
    if (spec) {
      let bucket = this.perOperation.get(commandName);
      if (!bucket) this.perOperation.set(commandName, (bucket = new TokenBucket(spec, this.now)));
      own = bucket.reserve();
    }
    return Math.max(own, this.account.reserve());
  }

  async acquire(commandName: string): Promise<void> {
    const wait = this.reserve(commandName);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
