// The usage chart's series: one per key lineage. A rotated key and the key it replaced are one key to the customer
// (the new key's rotatedFromId points at the old one), so their days are added up into one series, named by the
// newest key's name and last four characters: the legend lists each key once. Pure.
import type { KeyUsage } from "@/lib/usage/overview";

export interface ChartSeries {
  /** The newest key's id. */
  id: string;
  /** "prod ••••abcd" (with "(revoked)" when the whole lineage is revoked). */
  label: string;
  /** Requests per chart day, summed over the lineage. */
  values: number[];
  /** The newest key's daily quota, when its quota is per day (drawn as a line when the series is shown alone). */
  dailyQuota: number | null;
  /** Ids of every key in the lineage (in the overview's order). */
  keyIds: string[];
}

export function keyLabel(key: Pick<KeyUsage, "name" | "lastFour">): string {
  return key.lastFour ? `${key.name} ••••${key.lastFour}` : key.name;
}

export function chartSeries(keys: readonly KeyUsage[]): ChartSeries[] {
  const byId = new Map(keys.map((k) => [k.id, k]));
  const replacedBy = new Map<string, string>();
  for (const k of keys) if (k.rotatedFromId && byId.has(k.rotatedFromId)) replacedBy.set(k.rotatedFromId, k.id);
  const newestOf = (id: string) => {
    let current = id;
    const seen = new Set<string>();
    while (replacedBy.has(current) && !seen.has(current)) {
      seen.add(current);
      current = replacedBy.get(current) ?? current;
    }
    return current;
  };
  const groups = new Map<string, KeyUsage[]>();
  for (const k of keys) {
    const head = newestOf(k.id);
    groups.set(head, [...(groups.get(head) ?? []), k]);
  }
  return [...groups.entries()].map(([headId, members]) => {
    const head = byId.get(headId) ?? members[0];
    const length = Math.max(0, ...members.map((m) => m.daily.length));
    const values = Array.from({ length }, (_, i) => members.reduce((n, m) => n + (m.daily[i] ?? 0), 0));
    const label = keyLabel(head ?? { name: "key", lastFour: null });
    return {
      id: headId,
      label: head?.status === "REVOKED" ? `${label} (revoked)` : label,
      values,
      dailyQuota: head?.period === "DAY" ? head.quota : null,
      keyIds: members.map((m) => m.id),
    };
  });
}
