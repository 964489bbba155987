// Rotation as one key's lineage. A rotation creates a new key whose `rotatedFromId` is the key it replaces; the old
// key keeps working until its `graceEndsAt` (then it is disabled, not deleted). The Keys page shows the newest live
// key of a lineage as the row and its live predecessors nested under it; revoked keys go to a collapsed history.
// Pure (the page and tests use it).
import type { ApiKeyStatus } from "@/lib/generated/prisma";
import { isLiveKey } from "@/lib/keys/key-status";

export interface LineageKey {
  id: string;
  status: ApiKeyStatus;
  /** The key this one replaced in a rotation, if any. */
  rotatedFromId: string | null;
}

export interface KeyLineage<K extends LineageKey> {
  /** The newest key of the lineage: the one to use. */
  key: K;
  /** Its live predecessors (still working in a grace period, or disabled and not yet revoked), newest first. */
  previous: K[];
}

export interface GroupedKeys<K extends LineageKey> {
  /** One per lineage, in the order the keys came (newest first on the page). FAILED keys stand alone. */
  rows: KeyLineage<K>[];
  /** Revoked keys, in the order they came. */
  revoked: K[];
}

/**
 * Groups keys into lineages. A live key is nested under the live key that replaced it (the first such key in the
 * input order, if a failed rotation was retried); a predecessor that is revoked is history, and one whose
 * replacement failed or was revoked stands as its own row again.
 */
export function groupKeyLineage<K extends LineageKey>(keys: readonly K[]): GroupedKeys<K> {
  const live = new Map(keys.filter((k) => isLiveKey(k.status)).map((k) => [k.id, k]));
  const successorOf = new Map<string, string>();
  for (const k of live.values()) {
    if (k.rotatedFromId && live.has(k.rotatedFromId) && !successorOf.has(k.rotatedFromId)) successorOf.set(k.rotatedFromId, k.id);
  }

  const rows: KeyLineage<K>[] = [];
  for (const key of keys) {
    if (key.status === "REVOKED" || successorOf.has(key.id)) continue;
    const previous: K[] = [];
    let current = key;
    const seen = new Set([key.id]);
    for (;;) {
      const before = current.rotatedFromId ? live.get(current.rotatedFromId) : undefined;
      if (!before || successorOf.get(before.id) !== current.id || seen.has(before.id)) break;
      previous.push(before);
      seen.add(before.id);
      current = before;
    }
    rows.push({ key, previous });
  }
  return { rows, revoked: keys.filter((k) => k.status === "REVOKED") };
}
