// The clock a rehearsal runs on: starts at DIAODU_NOW and keeps going at the real pace; tests move a manual one.
import { describe, expect, it } from 'vitest';
import { createClock, createManualClock, systemClock } from '../../src/clock';

/** A fake real-time source that the test advances. */
function fakeRealTime(startIso: string) {
  let t = Date.parse(startIso);
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createClock', () => {
  it('without DIAODU_NOW follows real time', () => {
    const real = fakeRealTime('2030-01-01T00:00:00Z');
    const clock = createClock(null, real.now);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    real.advance(90_000);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:01:30.000Z');
  });

  it('without DIAODU_NOW and no time source, is the system time', () => {
    const before = Date.now();
    const t = createClock(null).now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('starts at DIAODU_NOW and then runs on at the real pace', () => {
    const real = fakeRealTime('2030-05-05T12:34:56Z');
    const clock = createClock('2026-11-27T09:00:00+08:00', real.now);
    expect(clock.now().toISOString()).toBe('2026-11-27T01:00:00.000Z');
    real.advance(60 * 60 * 1000 + 500);
    expect(clock.now().toISOString()).toBe('2026-11-27T02:00:00.500Z');
  });

  it('reads a DIAODU_NOW without an offset as Asia/Shanghai time, whatever the machine time zone', () => {
    const real = fakeRealTime('2030-01-01T00:00:00Z');
    expect(createClock('2026-11-27T09:00:00', real.now).now().toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(createClock('2026-11-27', real.now).now().toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('with the real time source, starts within a second of DIAODU_NOW', () => {
    const t = createClock('2026-11-27T09:00:00+08:00').now().getTime();
    expect(Math.abs(t - Date.parse('2026-11-27T01:00:00Z'))).toBeLessThan(1000);
  });

  it('returns a new Date each time, so a caller changing one does not move the clock', () => {
    const real = fakeRealTime('2030-01-01T00:00:00Z');
    const clock = createClock('2026-11-27T09:00:00+08:00', real.now);
    clock.now().setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });
});

describe('systemClock', () => {
  it('is the real time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

describe('createManualClock', () => {
  it('stands still until set or advanced', () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-27T01:00:00.000Z');
    clock.advance(15 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-11-27T01:15:00.000Z');
    clock.set('2026-12-04 18:00');
    expect(clock.now().toISOString()).toBe('2026-12-04T10:00:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('accepts a Date to start from and is not moved by changes to that Date', () => {
    const start = new Date('2026-11-27T01:00:00Z');
    const clock = createManualClock(start);
    start.setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });
});
