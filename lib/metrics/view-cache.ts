import "server-only";
import { LRUCache } from "lru-cache";

// The admin metrics views' in-process cache: a view (its key names API, stage and range) is fetched from AWS at
// most once a minute per process, and concurrent requests for the same view share one fetch. A failed fetch is
// not kept, so the next request tries again.

export const VIEW_TTL_MS = 60_000;

interface Entry {
  value: Promise<unknown>;
  fetchedAt: number;
}

const cache = new LRUCache<string, Entry>({ max: 500, ttl: VIEW_TTL_MS });

export interface Cached<T> {
  value: T;
  /** When AWS answered (epoch ms). */
  fetchedAt: number;
  fromCache: boolean;
}

export async function cachedView<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
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
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/** For tests and the benchmark: forget everything. */
export function clearViewCache(): void {
  cache.clear();
}
