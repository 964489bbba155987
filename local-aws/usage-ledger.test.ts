import { describe, expect, it } from 'vitest';
import { dayString, parseDay, periodStart, remainingAt } from './usage-ledger';
import type { UsagePlanRecord } from './state';

const d = (s: string) => parseDay(s)!;

describe('quota periods (UTC)', () => {
  it('starts weeks on Monday', () => {
    expect(dayString(periodStart(d('2026-11-24'), 'WEEK'))).toBe('2026-11-23'); // Tuesday
    expect(dayString(periodStart(d('2026-11-23'), 'WEEK'))).toBe('2026-11-23'); // Monday
    expect(dayString(periodStart(d('2026-11-29'), 'WEEK'))).toBe('2026-11-23'); // Sunday
    expect(dayString(periodStart(d('2026-11-30'), 'WEEK'))).toBe('2026-11-30');
    expect(dayString(periodStart(d('1970-01-01'), 'WEEK'))).toBe('1969-12-29');
  });

  it('starts months on the 1st and days on themselves', () => {
    expect(dayString(periodStart(d('2026-02-28'), 'MONTH'))).toBe('2026-02-01');
    expect(dayString(periodStart(d('2026-03-01'), 'MONTH'))).toBe('2026-03-01');
    expect(dayString(periodStart(d('2026-03-17'), 'DAY'))).toBe('2026-03-17');
  });

  it('parses only real dates', () => {
    expect(parseDay('2026-02-29')).toBeUndefined();
    expect(parseDay('2024-02-29')).toBeDefined();
    expect(parseDay('2026-3-1')).toBeUndefined();
  });

  it('computes remaining per day as quota minus use so far in the period', () => {
    const plan: UsagePlanRecord = { id: 'p', seq: 1, name: 'p', apiStages: [], tags: {}, keyIds: [], quota: { limit: 100, period: 'WEEK' } };
    const usage = { days: { '2026-11-22': 50, '2026-11-23': 10, '2026-11-24': 5 } };
    expect(remainingAt(plan, usage, d('2026-11-22'))).toBe(50); // previous week (Sunday)
    expect(remainingAt(plan, usage, d('2026-11-23'))).toBe(90); // Monday: new week
    expect(remainingAt(plan, usage, d('2026-11-24'))).toBe(85);
    expect(remainingAt(plan, { ...usage, adjustment: { periodStart: '2026-11-23', delta: 80 } }, d('2026-11-24'))).toBe(5);
    expect(remainingAt({ ...plan, quota: undefined }, usage, d('2026-11-24'))).toBeUndefined();
  });
});
