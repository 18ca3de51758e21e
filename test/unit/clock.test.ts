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

describe('timers on a manual clock', () => {
  const iso = (c: { now(): Date }) => c.now().toISOString();

  it('fire only when time is moved past them, in order, each at its own time', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    const fired: string[] = [];
    clock.after(3000, () => fired.push(`c ${iso(clock)}`));
    clock.after(1000, () => fired.push(`a ${iso(clock)}`));
    clock.after(1000, () => fired.push(`b ${iso(clock)}`));
    expect(clock.pending().map((p) => p.at.toISOString())).toEqual(['2026-11-27T01:00:01.000Z', '2026-11-27T01:00:01.000Z', '2026-11-27T01:00:03.000Z']);
    await clock.advance(999);
    expect(fired).toEqual([]);
    await clock.advance(2001);
    expect(fired).toEqual(['a 2026-11-27T01:00:01.000Z', 'b 2026-11-27T01:00:01.000Z', 'c 2026-11-27T01:00:03.000Z']);
    expect(iso(clock)).toBe('2026-11-27T01:00:03.000Z');
    expect(clock.pending()).toEqual([]);
  });

  it('a timer set by a firing timer, due within the same advance, fires in it', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    const fired: string[] = [];
    clock.after(1000, () => {
      fired.push(iso(clock));
      clock.after(1000, () => fired.push(iso(clock)));
    });
    await clock.advance(2500);
    expect(fired).toEqual(['2026-11-27T01:00:01.000Z', '2026-11-27T01:00:02.000Z']);
    expect(iso(clock)).toBe('2026-11-27T01:00:02.500Z');
  });

  it('awaits what a timer started before firing the next', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    const log: string[] = [];
    clock.after(10, () => void Promise.resolve().then(() => log.push('first, its continuation')));
    clock.after(20, () => log.push('second'));
    await clock.advance(20);
    expect(log).toEqual(['first, its continuation', 'second']);
  });

  it('cancel() keeps a timer from firing', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    let fired = false;
    const t = clock.after(100, () => (fired = true));
    t.cancel();
    expect(clock.pending()).toEqual([]);
    await clock.advance(1000);
    expect(fired).toBe(false);
  });

  it('next() jumps to the earliest timer; false when none is left', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    const slept = clock.sleep(90_000).then(() => iso(clock));
    expect(await clock.next()).toBe(true);
    expect(await slept).toBe('2026-11-27T01:01:30.000Z');
    expect(await clock.next()).toBe(false);
  });

  it('set() jumps at once and then fires what came due; moving back fires nothing', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    const fired: string[] = [];
    clock.after(60_000, () => fired.push(iso(clock)));
    const moved = clock.set('2026-11-26 09:00');
    expect(iso(clock)).toBe('2026-11-26T01:00:00.000Z');
    await moved;
    expect(fired).toEqual([]);
    await clock.set('2026-11-27 10:00');
    expect(fired).toEqual(['2026-11-27T02:00:00.000Z']);
  });

  it('a timer due now fires without the clock moving', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    await clock.sleep(0);
    expect(iso(clock)).toBe('2026-11-27T01:00:00.000Z');
  });

  it('sleep() rejects with the reason when aborted, and leaves no timer behind', async () => {
    const clock = createManualClock('2026-11-27T09:00:00+08:00');
    const ac = new AbortController();
    const slept = clock.sleep(5000, ac.signal);
    ac.abort(new Error('stopping'));
    await expect(slept).rejects.toThrow('stopping');
    expect(clock.pending()).toEqual([]);
    const already = new AbortController();
    already.abort(new Error('before'));
    await expect(clock.sleep(10, already.signal)).rejects.toThrow('before');
  });
});

describe('timers on the real clocks', () => {
  it('systemClock and a DIAODU_NOW clock sleep in real time, and can be cancelled', async () => {
    const started = performance.now();
    await systemClock.sleep(20);
    await createClock('2026-11-27T09:00:00+08:00').sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);
    let fired = false;
    systemClock.after(5, () => (fired = true)).cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
  });
});
