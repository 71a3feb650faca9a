// The seat pre-check of a bulk-add preview, and a job's progress arithmetic.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, jobProgress } from '@/domain/imports/progress';
import { hasShortfall, seatCheckMessage, seatPreCheck } from '@/domain/imports/seat-check';

describe('seatPreCheck', () => {
  const subscriptions = [
    { id: 'pa', productName: 'Power Apps Premium', seats: 20, consumed: 15 },
    { id: 'e3', productName: 'Microsoft 365 E3', seats: 100, consumed: 0 },
    { id: 'visio', productName: 'Visio Plan 2', seats: 5, consumed: 5 },
  ];

  it('counts the rows that ask for each subscription beside its free seats, by product name', () => {
    const rows = [...Array.from({ length: 12 }, () => ({ seatRequests: ['pa'] })), { seatRequests: ['e3', 'pa'] }, { seatRequests: ['e3', 'e3'] }, { seatRequests: [] }];
    const checks = seatPreCheck(rows, subscriptions);
    expect(checks).toEqual([
      { subscriptionId: 'e3', productName: 'Microsoft 365 E3', requested: 2, available: 100, shortfall: 0 },
      { subscriptionId: 'pa', productName: 'Power Apps Premium', requested: 13, available: 5, shortfall: 8 },
    ]);
    expect(hasShortfall(checks)).toBe(true);
    expect(seatCheckMessage(checks[1] ?? checks[0]!)).toBe('Power Apps Premium: 13 rows ask for it, 5 seats free — 8 rows will fail unless you add seats.');
    expect(seatCheckMessage(checks[0]!)).toBe('Microsoft 365 E3: 2 rows ask for it, 100 seats free.');
  });

  it('says "1 row asks" and "0 seats", and never counts seats below zero', () => {
    const [check] = seatPreCheck([{ seatRequests: ['visio'] }], [{ ...subscriptions[2]!, consumed: 7 }]);
    expect(check).toMatchObject({ requested: 1, available: 0, shortfall: 1 });
    expect(seatCheckMessage(check!)).toBe('Visio Plan 2: 1 row asks for it, 0 seats free — 1 row will fail unless you add seats.');
  });
});

describe('jobProgress', () => {
  const start = new Date('2026-06-01T10:00:00Z');
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  it('gives the share done, the rate of this run and the time left', () => {
    expect(jobProgress({ total: 1000, processed: 250, runStartedAt: start, runStartProcessed: 0, finished: false, now: at(50) })).toEqual({ percent: 25, ratePerSecond: 5, secondsLeft: 150 });
  });

  it('measures a resumed job from its new run only, not the downtime', () => {
    const resumed = jobProgress({ total: 1000, processed: 600, runStartedAt: at(3600), runStartProcessed: 500, finished: false, now: at(3620) });
    expect(resumed).toEqual({ percent: 60, ratePerSecond: 5, secondsLeft: 80 });
  });

  it('shows 100 % only when every row is done, and knows no rate before there is one', () => {
    expect(jobProgress({ total: 1000, processed: 999, runStartedAt: start, runStartProcessed: 0, finished: false, now: at(100) }).percent).toBe(99);
    expect(jobProgress({ total: 1000, processed: 1000, runStartedAt: start, runStartProcessed: 0, finished: false, now: at(100) })).toMatchObject({ percent: 100, secondsLeft: 0 });
    expect(jobProgress({ total: 10, processed: 0, runStartedAt: null, runStartProcessed: 0, finished: false, now: at(1) })).toEqual({ percent: 0, ratePerSecond: null, secondsLeft: null });
    expect(jobProgress({ total: 10, processed: 2, runStartedAt: start, runStartProcessed: 0, finished: false, now: at(0.1) }).ratePerSecond).toBeNull();
    expect(jobProgress({ total: 0, processed: 0, runStartedAt: null, runStartProcessed: 0, finished: true, now: at(1) }).percent).toBe(100);
  });

  it('leaves a cancelled job where it stopped, with nothing left to wait for', () => {
    expect(jobProgress({ total: 10, processed: 4, runStartedAt: start, runStartProcessed: 0, finished: true, now: at(8) })).toEqual({ percent: 40, ratePerSecond: 0.5, secondsLeft: 0 });
  });

  it('formats rates and durations for people', () => {
    expect(formatRate(12.345)).toBe('12 rows/s');
    expect(formatRate(3.45)).toBe('3.5 rows/s');
    expect(formatRate(0.256)).toBe('0.26 rows/s');
    expect(formatRate(null)).toBe('—');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0)).toBe('none');
    expect(formatDuration(3)).toBe('about 5 s');
    expect(formatDuration(42)).toBe('about 40 s');
    expect(formatDuration(150)).toBe('about 3 min');
    expect(formatDuration(3900)).toBe('about 1 h 5 min');
    expect(formatDuration(7200)).toBe('about 2 h');
  });
});
