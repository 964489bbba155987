/**
 * Compact log-scale histogram (DDSketch-style): every value lands in a bucket whose representative value is
 * within RELATIVE_ACCURACY of it, so any percentile read back is within 0.5 % of the true nearest-rank value
 * (and is clamped to the exact min/max). Buckets are sparse Maps keyed by integer index; zero and negative
 * values have their own stores.
 */
const RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** |values| below this are counted as zero (keeps indices bounded). */
const MIN_INDEXABLE = 1e-9;

export type EncodedHistogram = { z: number; p: number[]; n: number[] };

const indexOf = (abs: number): number => Math.ceil(Math.log(abs) / LOG_GAMMA);
const valueOf = (index: number): number => (2 * Math.pow(GAMMA, index)) / (GAMMA + 1);

export class LogHistogram {
  zero = 0;
  count = 0;
  readonly pos = new Map<number, number>();
  readonly neg = new Map<number, number>();

  add(value: number, count = 1): void {
    if (!(count > 0) || !Number.isFinite(value)) return;
    this.count += count;
    const abs = Math.abs(value);
    if (abs < MIN_INDEXABLE) {
      this.zero += count;
      return;
    }
    const store = value > 0 ? this.pos : this.neg;
    const i = indexOf(abs);
    store.set(i, (store.get(i) ?? 0) + count);
  }

  merge(other: LogHistogram): void {
    this.zero += other.zero;
    this.count += other.count;
    for (const [i, c] of other.pos) this.pos.set(i, (this.pos.get(i) ?? 0) + c);
    for (const [i, c] of other.neg) this.neg.set(i, (this.neg.get(i) ?? 0) + c);
  }

  /** Nearest-rank quantile (q in [0,1]), clamped to [min, max]; undefined when empty. */
  quantile(q: number, min: number, max: number): number | undefined {
    if (this.count <= 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.count - 1e-9));
    let seen = 0;
    let result: number | undefined;
    const negKeys = [...this.neg.keys()].sort((a, b) => b - a);
    for (const i of negKeys) {
      seen += this.neg.get(i) ?? 0;
      if (seen >= rank) { result = -valueOf(i); break; }
    }
    if (result === undefined) {
      seen += this.zero;
      if (seen >= rank) result = 0;
    }
    if (result === undefined) {
      const posKeys = [...this.pos.keys()].sort((a, b) => a - b);
      for (const i of posKeys) {
        seen += this.pos.get(i) ?? 0;
        if (seen >= rank) { result = valueOf(i); break; }
      }
    }
    if (result === undefined) result = max;
    return Math.min(max, Math.max(min, result));
  }

  encode(): EncodedHistogram {
    const flat = (m: Map<number, number>) => {
      const out: number[] = [];
      for (const [i, c] of m) out.push(i, c);
      return out;
    };
    return { z: this.zero, p: flat(this.pos), n: flat(this.neg) };
  }

  static decode(e: EncodedHistogram): LogHistogram {
    const h = new LogHistogram();
    h.zero = e.z;
    h.count = e.z;
    const fill = (arr: number[], m: Map<number, number>) => {
      for (let k = 0; k + 1 < arr.length; k += 2) {
        const i = arr[k] as number, c = arr[k + 1] as number;
        m.set(i, c);
        h.count += c;
      }
    };
    fill(e.p, h.pos);
    fill(e.n, h.neg);
    return h;
  }
}

/** Parses `p99`, `p99.9`, `p50` … into a quantile in [0,1]; undefined when not a percentile statistic. */
export function parsePercentile(stat: string): number | undefined {
  const m = /^p(\d{1,3}(?:\.\d{1,10})?)$/.exec(stat);
  if (!m) return undefined;
  const p = Number(m[1]);
  return p >= 0 && p <= 100 ? p / 100 : undefined;
}
