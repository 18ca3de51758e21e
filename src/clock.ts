// The program's one clock: real time, or time that started at DIAODU_NOW and runs on from there.
import { parseNowValue } from './config';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock set to `startAt` when created, then running at the real pace. */
export function createClock(startAt: string | null, realNow: () => number = Date.now): Clock {
  if (!startAt) return { now: () => new Date(realNow()) };
  const offset = parseNowValue(startAt) - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** A clock that moves only when told to, for tests. */
export function createManualClock(start: string | Date): Clock & { set(t: string | Date): void; advance(ms: number): void } {
  let t = typeof start === 'string' ? parseNowValue(start) : start.getTime();
  return {
    now: () => new Date(t),
    set: (v) => {
      t = typeof v === 'string' ? parseNowValue(v) : v.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
