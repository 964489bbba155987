/** The stage cache: GET responses per API stage under the key from ./cache-key.ts, with a TTL. */

export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  expiresAt: number;
}

/** Entries kept per stage before the oldest are evicted (an emulator guard for memory). */
const MAX_ENTRIES_PER_STAGE = 10_000;

export class StageCaches {
  private readonly stages = new Map<string, Map<string, CachedResponse>>();

  get(apiId: string, stage: string, key: string, now: number): CachedResponse | undefined {
    const cache = this.stages.get(`${apiId}/${stage}`);
    const entry = cache?.get(key);
    if (entry && entry.expiresAt <= now) {
      cache?.delete(key);
      return undefined;
    }
    return entry;
  }

  set(apiId: string, stage: string, key: string, entry: CachedResponse): void {
    const id = `${apiId}/${stage}`;
    let cache = this.stages.get(id);
    if (!cache) {
      cache = new Map();
      this.stages.set(id, cache);
    }
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > MAX_ENTRIES_PER_STAGE) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
  }

  flush(apiId: string, stage: string): void {
    this.stages.delete(`${apiId}/${stage}`);
  }

  size(apiId: string, stage: string): number {
    return this.stages.get(`${apiId}/${stage}`)?.size ?? 0;
  }
}
