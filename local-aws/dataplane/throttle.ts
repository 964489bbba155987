/** Data-plane throttling: token buckets identified by a string, all of which must have a token to admit a request. */
import { TokenBucket } from '../token-bucket';

export interface ThrottleLimit {
  /** Bucket identity, e.g. "key|{planId}|{keyId}". */
  id: string;
  rate: number;
  burst: number;
}

export class ThrottleBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  /** Admits the request (taking one token from each bucket) only if every bucket has a token. */
  admit(limits: ThrottleLimit[], now: number): boolean {
    const taken: TokenBucket[] = [];
    for (const limit of limits) {
      let bucket = this.buckets.get(limit.id);
      if (!bucket) {
        bucket = new TokenBucket(limit.rate, limit.burst, now);
        this.buckets.set(limit.id, bucket);
      } else bucket.configure(limit.rate, limit.burst, now);
      if (bucket.waitMs(now) > 0) return false;
      taken.push(bucket);
    }
    for (const bucket of taken) bucket.take(now);
    return true;
  }
}

/** A throttle with only one of rate/burst set: the missing one follows the other (burst at least 1). */
export function normaliseThrottle(rate: number | undefined, burst: number | undefined): { rate: number; burst: number } | undefined {
  if (rate === undefined && burst === undefined) return undefined;
  const r = rate ?? burst ?? 0;
  return { rate: r, burst: burst ?? Math.max(1, Math.ceil(r)) };
}
