import "server-only";
import { LRUCache } from "lru-cache";
import { env } from "@/lib/env";

// The admin metrics views' in-process cache: a view (its key names API, stage and range) is fetched from AWS at
// most once per GATEHOUSE_METRICS_CACHE_SECONDS (default a minute) per process, and concurrent requests for the same
// view share one fetch. A failed fetch is not kept, so the next request tries again.

/** How long a metrics view is served from the cache, in seconds. */
export const viewCacheSeconds = () => env().GATEHOUSE_METRICS_CACHE_SECONDS;

interface Entry {
  value: Promise<unknown>;
  fetchedAt: number;
}

let views: LRUCache<string, Entry> | undefined;
const viewCache = () => (views ??= new LRUCache<string, Entry>({ max: 500, ttl: viewCacheSeconds() * 1000 }));

export interface Cached<T> {
  value: T;
  /** When AWS answered (epoch ms). */
  fetchedAt: number;
  fromCache: boolean;
}

export async function cachedView<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
  const cache = viewCache();
  const hit = cache.get(key);
  if (hit) return { value: (await hit.value) as T, fetchedAt: hit.fetchedAt, fromCache: true };
  const entry: Entry = { value: load(), fetchedAt: Date.now() };
  cache.set(key, entry);
  try {
    return { value: (await entry.value) as T, fetchedAt: entry.fetchedAt, fromCache: false };
  } catch (error) {
    if (cache.get(key) === entry) cache.delete(key);
    throw error;
  }
}

/** Drops cached views whose key starts with `prefix` (after a change they would show stale, e.g. the metrics switch). */
export function invalidateViews(prefix: string): void {
  const cache = viewCache();
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/** For tests and the benchmark: forget everything. */
export function clearViewCache(): void {
  views?.clear();
}
