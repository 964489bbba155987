// A single value loaded on demand and kept for a while: one load at a time, however many callers wait for it.

export interface TtlCache<T> {
  get(): Promise<T>;
  clear(): void;
}

/**
 * Caches what `load` returns for `ttlMs`. Concurrent callers share one load. A failed load is not cached; if an
 * earlier value exists it is served again (stale) and the next load is tried after `retryMs`.
 */
export function ttlCache<T>(load: () => Promise<T>, opts: { ttlMs: number; retryMs: number; now?: () => number }): TtlCache<T> {
  const now = opts.now ?? Date.now;
  let entry: { value: T; expiresAt: number } | undefined;
  let inflight: Promise<T> | undefined;

  function refresh(): Promise<T> {
    inflight ??= load()
      .then(
        (value) => {
          entry = { value, expiresAt: now() + opts.ttlMs };
          return value;
        },
        (error: unknown) => {
          if (!entry) throw error;
          entry = { value: entry.value, expiresAt: now() + opts.retryMs };
          return entry.value;
        },
      )
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  return {
    get() {
      if (entry && entry.expiresAt > now()) return Promise.resolve(entry.value);
      return refresh();
    },
    clear() {
      entry = undefined;
    },
  };
}
