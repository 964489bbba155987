/** ListMetrics: filters by namespace, name and dimensions (value optional); 500 per page; RecentlyActive=PT3H. */
import { invalidNextToken, invalidParameterValue } from './errors';
import { asObject, decodeToken, dimensionFilters, encodeToken, optString } from './input';
import type { MetricSeries, MetricStore } from './metric-store';

const PAGE = 500;
const LISTED_FOR_MS = 14 * 86400_000;
const RECENT_MS = 3 * 3600_000;

export function listMetrics(store: MetricStore, input: unknown, nowMs: number): unknown {
  const o = asObject(input);
  const namespace = optString(o, 'Namespace');
  const name = optString(o, 'MetricName');
  const filters = dimensionFilters(o, 'Dimensions', 'Dimensions');
  const recently = optString(o, 'RecentlyActive');
  if (recently !== undefined && recently !== 'PT3H') {
    throw invalidParameterValue(`The value ${recently} for parameter RecentlyActive is invalid. Valid value is PT3H.`);
  }
  const token = optString(o, 'NextToken');
  let after: string | undefined;
  if (token !== undefined) {
    const k = decodeToken(token, (v): v is { k: string } => typeof (v as { k?: unknown })?.k === 'string');
    if (!k) throw invalidNextToken();
    after = k.k;
  }
  const since = nowMs - (recently ? RECENT_MS : LISTED_FOR_MS);
  const matches = (s: MetricSeries) =>
    s.lastPutMs >= since &&
    (namespace === undefined || s.namespace === namespace) &&
    (name === undefined || s.name === name) &&
    filters.every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)));
  const all = [...store.series.values()].filter(matches).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const from = after === undefined ? 0 : all.findIndex((s) => s.key > after);
  const page = from < 0 ? [] : all.slice(from, from + PAGE);
  const more = from >= 0 && from + PAGE < all.length;
  return {
    Metrics: page.map((s) => ({ Namespace: s.namespace, MetricName: s.name, Dimensions: s.dimensions })),
    ...(more && { NextToken: encodeToken({ k: (page[page.length - 1] as MetricSeries).key }) }),
  };
}
