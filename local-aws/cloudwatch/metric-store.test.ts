import { describe, expect, it } from 'vitest';
import { MetricStore, PeriodAggregate } from './metric-store';

const NOW = Date.UTC(2026, 0, 20, 12, 0, 0);
const dims = [{ Name: 'ApiName', Value: 'pets' }];

function stats(store: MetricStore, name: string, fromS: number, toS: number, period: number, stat: string) {
  return store.aggregate(store.get('T', name, dims), fromS, toS, period).map(({ t, agg }) => [t, agg.stat(stat)]);
}

describe('MetricStore buckets', () => {
  it('keep one exact pair per distinct value, so 0/1 counters stay small and exact', () => {
    const store = new MetricStore();
    for (let i = 0; i < 10_000; i++) store.addValue('T', 'Errors', dims, i % 10 === 0 ? 1 : 0, 1, 'Count', NOW, NOW);
    const bucket = store.get('T', 'Errors', dims)!.minutes.values().next().value!;
    expect(bucket.raw).toHaveLength(4);
    expect(bucket.hist).toBeNull();
    const t = NOW / 1000;
    expect(stats(store, 'Errors', t, t + 60, 60, 'Sum')).toEqual([[t, 1000]]);
    expect(stats(store, 'Errors', t, t + 60, 60, 'Average')).toEqual([[t, 0.1]]);
    expect(stats(store, 'Errors', t, t + 60, 60, 'p95')).toEqual([[t, 1]]);
  });

  it('switch to the histogram past 64 distinct values, keeping percentiles within 1%', () => {
    const store = new MetricStore();
    for (let v = 1; v <= 1000; v++) store.addValue('T', 'Latency', dims, v, 1, 'Milliseconds', NOW, NOW);
    const bucket = store.get('T', 'Latency', dims)!.minutes.values().next().value!;
    expect(bucket.raw).toBeNull();
    expect(bucket.hist?.count).toBe(1000);
    const t = NOW / 1000;
    const [[, p50], [, p99]] = [stats(store, 'Latency', t, t + 60, 60, 'p50')[0]!, stats(store, 'Latency', t, t + 60, 60, 'p99')[0]!];
    expect(Math.abs((p50 as number) - 500) / 500).toBeLessThan(0.01);
    expect(Math.abs((p99 as number) - 990) / 990).toBeLessThan(0.01);
  });

  it('writes backfilled points into hourly buckets and rolls minutes up after a configurable retention', () => {
    const store = new MetricStore(3 * 86400);
    const fourDaysAgo = NOW - 4 * 86400_000;
    store.addValue('T', 'Count', dims, 1, 5, 'Count', fourDaysAgo + 90_000, NOW, true);
    store.addValue('T', 'Count', dims, 1, 2, 'Count', fourDaysAgo + 30 * 60_000, NOW); // a minute point, older than 3 days
    store.addValue('T', 'Count', dims, 1, 1, 'Count', NOW - 60_000, NOW);
    const series = store.get('T', 'Count', dims)!;
    expect([...series.hours.keys()]).toEqual([fourDaysAgo / 1000]);
    expect(series.minutes.size).toBe(2);
    store.compact(NOW);
    expect(series.minutes.size).toBe(1);
    const hour = series.hours.get(fourDaysAgo / 1000)!;
    expect([hour.sum, hour.count]).toEqual([7, 7]);
    const agg = new PeriodAggregate();
    agg.add(hour);
    expect(agg.stat('SampleCount')).toBe(7);
  });

  it('round-trips through encode/decode with exact values and histograms', () => {
    const store = new MetricStore();
    for (let v = 1; v <= 100; v++) store.addValue('T', 'Latency', dims, v, 1, 'Milliseconds', NOW, NOW);
    store.addValue('T', 'Errors', dims, 0, 3, 'Count', NOW, NOW);
    const copy = MetricStore.decode(JSON.parse(JSON.stringify(store.encode())));
    const t = NOW / 1000;
    expect(stats(copy, 'Latency', t, t + 60, 60, 'p90')).toEqual(stats(store, 'Latency', t, t + 60, 60, 'p90'));
    expect(copy.get('T', 'Errors', dims)!.minutes.values().next().value!.raw).toEqual([0, 3]);
  });
});
