// API Gateway's per-account control-plane limits (AWS-FACTS.md): CreateApiKey 5/s, DeleteApiKey 5/s,
// UpdateUsagePlan 1 per 20 s, all management calls together 10/s with bursts of 40. Gatehouse paces its own calls
// to stay inside them, so a burst of sign-ups queues instead of failing. The buckets are shared by every process
// through the database (lib/aws/shared-pacer.ts); the math lives here.

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

/** The buckets a call draws from: the account-wide one first (a fixed order, so reservers lock rows alike). */
export function bucketsFor(commandName: string): { name: string; spec: BucketSpec }[] {
  const own = operationLimits[commandName];
  return own ? [{ name: "account", spec: accountLimit }, { name: commandName, spec: own }] : [{ name: "account", spec: accountLimit }];
}

// A token bucket kept as one number, its "theoretical arrival time" (TAT; the generic cell rate algorithm). A call
// may go at `slot` once slot ≥ TAT − (burst − 1) × interval, and going pushes the TAT to max(TAT, slot) + interval.
// A call that draws from several buckets goes at the latest slot any of them allows and is charged to each at that
// slot, so each bucket sees the times calls are really made: in any window of w ms a bucket lets through at most
// burst + w × rate calls, whatever order the reservations came in. Same answers as counting tokens, but one UPDATE
// can keep it (lib/aws/shared-pacer.ts does these two steps in SQL).

/** Milliseconds between tokens. */
export function intervalMs(spec: BucketSpec): number {
  return 1000 / spec.ratePerSecond;
}

/** How far ahead of its TAT a bucket lets a call go: the burst, in time. */
export function toleranceMs(spec: BucketSpec): number {
  return (spec.burst - 1) * intervalMs(spec);
}

/** The earliest time at or after `now` that every bucket allows a call (an unused bucket's TAT is 0: full). */
export function slotFor(buckets: { tat: number; spec: BucketSpec }[], now: number): number {
  return Math.max(now, ...buckets.map((b) => b.tat - toleranceMs(b.spec)));
}

/** A bucket's TAT after a call at `slot`. */
export function tatAfter(tat: number, spec: BucketSpec, slot: number): number {
  return Math.max(tat, slot) + intervalMs(spec);
}

/** A token bucket in memory that hands out waiting times instead of refusing: callers sleep until their slot. */
export class TokenBucket {
  private tat = 0;

  constructor(
    private readonly spec: BucketSpec,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves one token; returns how many milliseconds to wait before using it. */
  reserve(): number {
    const now = this.now();
    const slot = slotFor([{ tat: this.tat, spec: this.spec }], now);
    this.tat = tatAfter(this.tat, this.spec, slot);
    return Math.ceil(slot - now);
  }
}

/** Something that makes a control-plane call wait for its turn (lib/aws/shared-pacer.ts in the portal). */
export interface Pacer {
  acquire(commandName: string): Promise<void>;
}
