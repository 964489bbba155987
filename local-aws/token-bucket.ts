/** A token bucket: `rate` tokens per second refill a bucket holding at most `capacity` tokens. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Applies new limits (a usage plan or stage was updated); a changed limit starts again with a full bucket. */
  configure(rate: number, capacity: number, now: number): void {
    if (rate === this.rate && capacity === this.capacity) return;
    this.rate = rate;
    this.capacity = capacity;
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.rate) / 1000);
      this.last = now;
    }
  }

  /** Milliseconds until one token is available (0 = available now). */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    if (this.rate <= 0 || this.capacity < 1) return Number.POSITIVE_INFINITY;
    return ((1 - this.tokens) * 1000) / this.rate;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}
