/**
 * The traffic generator's model of customers: a profile per key (picked deterministically from the key id), daily
 * targets, weekday/weekend and hour-of-day shape, and the mix of demo endpoints. Shared by live traffic and backfill.
 */
import { DAY_MS, periodStart } from '../usage-ledger';
import type { PlanInfo } from './discovery';

export const PROFILES = ['light', 'steady', 'heavy', 'bursty'] as const;
export type TrafficProfile = (typeof PROFILES)[number];

/** FNV-1a with a murmur3 finaliser, 32 bits, as a fraction in [0, 1). */
export function hashFraction(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A plan whose quota a key can realistically reach (the basic tier): heavy users run close to it. */
export const isQuotaBound = (plan: PlanInfo | undefined): plan is PlanInfo & { quota: NonNullable<PlanInfo['quota']> } => plan?.quota !== undefined;

/**
 * Deterministic from the key id: quota plans get light 25%, steady 30%, heavy-near-quota 25%, bursty 20%;
 * plans without a quota get light 30%, steady 40%, heavy 10%, bursty 20%.
 */
export function profileFor(keyId: string, plan: PlanInfo | undefined): TrafficProfile {
  const h = hashFraction(`profile:${keyId}`);
  if (isQuotaBound(plan)) return h < 0.25 ? 'light' : h < 0.55 ? 'steady' : h < 0.8 ? 'heavy' : 'bursty';
  return h < 0.3 ? 'light' : h < 0.7 ? 'steady' : h < 0.8 ? 'heavy' : 'bursty';
}

/** Fraction of the period's quota a key aims to use. Heavy keys aim at 85–103%: some periods they run out. */
export function quotaTarget(profile: TrafficProfile, keyId: string, periodStartDay: number): number {
  const h = hashFraction(`target:${keyId}:${periodStartDay}`);
  switch (profile) {
    case 'light':
      return 0.08 + 0.1 * h;
    case 'steady':
      return 0.35 + 0.25 * h;
    case 'heavy':
      return 0.85 + 0.18 * h;
    case 'bursty':
      return 0.25 + 0.2 * h;
  }
}

/** Relative request weight of keys on plans without a quota. */
export const UNLIMITED_WEIGHT: Record<TrafficProfile, number> = { light: 1, steady: 4, heavy: 10, bursty: 2 };
/** Typical requests per weekday of keys on plans without a quota (backfill). */
export const UNLIMITED_DAILY: Record<TrafficProfile, number> = { light: 300, steady: 3000, heavy: 20_000, bursty: 2000 };

/** First and one-past-last epoch day of the quota period containing `day`. */
export function periodBounds(period: 'DAY' | 'WEEK' | 'MONTH', day: number): { startDay: number; endDay: number } {
  const startDay = periodStart(day, period);
  if (period === 'DAY') return { startDay, endDay: startDay + 1 };
  if (period === 'WEEK') return { startDay, endDay: startDay + 7 };
  const d = new Date(startDay * DAY_MS);
  return { startDay, endDay: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS };
}

/** Saturday or Sunday (UTC). */
export const isWeekend = (day: number) => {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4)
  return weekday === 0 || weekday === 6;
};

/** Relative traffic in UTC hour `h` (0..23): lowest around 03:00, highest around 15:00. */
export function hourWeight(h: number): number {
  const x = Math.sin((Math.PI * (h + 0.5 - 3)) / 24);
  return 0.2 + 0.8 * x * x;
}

const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => hourWeight(h));
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
/** Share of a day's traffic in UTC hour `h`. */
export const hourShare = (h: number) => (HOUR_WEIGHTS[h] ?? 0) / HOUR_TOTAL;

/** Share of a day's traffic that happened before `msIntoDay`. */
export function dayShareBefore(msIntoDay: number): number {
  const hours = msIntoDay / 3600_000;
  let share = 0;
  for (let h = 0; h < 24; h++) {
    if (h + 1 <= hours) share += hourShare(h);
    else {
      if (hours > h) share += hourShare(h) * (hours - h);
      break;
    }
  }
  return share;
}

/** A demo endpoint request. */
export interface RouteSpec {
  method: 'GET' | 'POST';
  /** Resource path template (CloudWatch's Resource dimension). */
  resource: string;
  share: number;
}

export const ROUTE_MIX: RouteSpec[] = [
  { method: 'GET', resource: '/pets', share: 0.35 },
  { method: 'GET', resource: '/pets/{id}', share: 0.3 },
  { method: 'POST', resource: '/pets', share: 0.08 },
  { method: 'GET', resource: '/data', share: 0.12 },
  { method: 'GET', resource: '/flaky', share: 0.1 },
  { method: 'GET', resource: '/health', share: 0.05 },
];

const PET_NAMES = ['Rex', 'Luna', 'Milo', 'Bella', 'Coco', 'Nala', 'Ziggy', 'Pip'];
const PET_TYPES = ['dog', 'cat', 'fish', 'bird', 'rabbit'];
const DATA_RANGES = ['', '?range=7d', '?range=30d', '?range=90d'];

/** A concrete request for a route: path (with query) and body. About 1 in 5 pet lookups asks for a missing pet (404). */
export function concreteRequest(route: RouteSpec, random: () => number): { path: string; body?: string } {
  switch (route.resource) {
    case '/pets/{id}':
      return { path: `/pets/${random() < 0.2 ? 100 + Math.floor(random() * 900) : 1 + Math.floor(random() * 3)}` };
    case '/pets':
      if (route.method === 'POST') {
        const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
        return { path: '/pets', body: JSON.stringify({ name: pick(PET_NAMES), type: pick(PET_TYPES), price: Math.round(random() * 50000) / 100 }) };
      }
      return { path: '/pets' };
    case '/data':
      return { path: `/data${DATA_RANGES[Math.floor(random() * DATA_RANGES.length)] ?? ''}` };
    default:
      return { path: route.resource };
  }
}

export function pickRoute(random: () => number): RouteSpec {
  let r = random();
  for (const route of ROUTE_MIX) {
    r -= route.share;
    if (r < 0) return route;
  }
  return ROUTE_MIX[0] as RouteSpec;
}
