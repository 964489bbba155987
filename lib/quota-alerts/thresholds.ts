// Which quota-alert thresholds a pooled usage figure has reached. Pure, usable in client components.

export const ALERT_THRESHOLDS = [80, 100] as const;
export type AlertThreshold = (typeof ALERT_THRESHOLDS)[number];

export function isAlertThreshold(value: number): value is AlertThreshold {
  return value === 80 || value === 100;
}

/**
 * The thresholds `used` has reached of `quota`, lowest first: 80 at 80% or more, 100 at the whole quota or more.
 * Integer arithmetic (used × 100 ≥ quota × threshold), so 799 of 1,000 is not 80% and no float rounds it up. A quota
 * of 0 or none has no thresholds (nothing to warn about; the tier itself refuses every request or none).
 */
export function crossedThresholds(used: number, quota: number | null): AlertThreshold[] {
  if (quota === null || !Number.isFinite(quota) || quota <= 0 || !Number.isFinite(used) || used <= 0) return [];
  return ALERT_THRESHOLDS.filter((t) => used * 100 >= quota * t);
}

/** The highest threshold reached, or null below 80%. */
export function highestThreshold(used: number, quota: number | null): AlertThreshold | null {
  return crossedThresholds(used, quota).at(-1) ?? null;
}
