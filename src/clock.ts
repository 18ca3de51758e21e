// The program's one clock: real time, or time that started at DIAODU_NOW and runs on from there. It gives the time
// and every wait — timers and sleeps — so a test drives time instead of sleeping in it (createManualClock).
import { parseNowValue } from './config';

/** A timer set on a clock; cancel() is harmless once it has fired. */
export type Timer = { cancel(): void };

export type Clock = {
  now(): Date;
  /** Calls `fn` once, `ms` from now on this clock. */
  after(ms: number, fn: () => void): Timer;
  /** Resolves `ms` from now on this clock; rejects with the signal's reason if it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

/** A sleep built on a clock's `after`: one implementation for the real and the manual clock. */
function sleepOn(after: Clock['after']) {
  return (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        timer.cancel();
        reject(signal?.reason);
      };
      const timer = after(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}

/**
 * Real timers. They do not keep the process alive (unref): what must keep it alive — a listening server, an open
 * connection — does so itself, and a stopped program does not linger for a retry it no longer wants.
 */
function realAfter(ms: number, fn: () => void): Timer {
  const t = setTimeout(fn, Math.max(0, ms));
  t.unref();
  return { cancel: () => clearTimeout(t) };
}

export const systemClock: Clock = { now: () => new Date(), after: realAfter, sleep: sleepOn(realAfter) };

/** A clock set to `startAt` when created, then running at the real pace (its timers are real ones). */
export function createClock(startAt: string | null, realNow: () => number = Date.now): Clock {
  if (!startAt) return { now: () => new Date(realNow()), after: realAfter, sleep: sleepOn(realAfter) };
  const offset = parseNowValue(startAt) - realNow();
  return { now: () => new Date(realNow() + offset), after: realAfter, sleep: sleepOn(realAfter) };
}

/** One timer waiting on a manual clock. */
export type PendingTimer = { at: Date; id: number };

export type ManualClock = Clock & {
  /**
   * Jumps to `t` at once (now() reads `t` as soon as this returns) and then fires the timers that came due, in order,
   * late — as after a machine wakes from sleep. Moving backwards fires nothing. Await it to know they have fired.
   */
  set(t: string | Date): Promise<void>;
  /** Moves time on by `ms`, stopping at each timer due on the way (now() is its due time when it fires). */
  advance(ms: number): Promise<void>;
  /** Jumps to the earliest pending timer and fires it (and any due at the same time); false when none is pending. */
  next(): Promise<boolean>;
  /** The timers waiting, earliest first. */
  pending(): PendingTimer[];
};

/** Lets the callbacks a timer started run on: pending microtasks, and I/O callbacks already waiting. */
const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * A clock that moves only when told to, for tests: its timers fire when the test moves time past them. A timer set
 * for now or earlier (after(0)) is due already: it fires on its own at the next turn of the event loop, since time
 * need not move for it.
 */
export function createManualClock(start: string | Date): ManualClock {
  let t = typeof start === 'string' ? parseNowValue(start) : start.getTime();
  let seq = 0;
  type Entry = { at: number; id: number; fn: () => void };
  let timers: Entry[] = [];
  let dueScheduled = false;

  const earliest = (): Entry | undefined =>
    timers.reduce<Entry | undefined>((a, b) => (!a || b.at < a.at || (b.at === a.at && b.id < a.id) ? b : a), undefined);

  function fire(e: Entry) {
    timers = timers.filter((x) => x !== e);
    e.fn();
  }

  /** Fires, in order, every timer due at the current time (including ones those timers set for now). */
  async function fireDue(): Promise<void> {
    for (let e = earliest(); e && e.at <= t; e = earliest()) {
      fire(e);
      await turn();
    }
  }

  function scheduleDue() {
    if (dueScheduled) return;
    dueScheduled = true;
    setImmediate(() => {
      dueScheduled = false;
      void fireDue();
    });
  }

  const after = (ms: number, fn: () => void): Timer => {
    const e: Entry = { at: t + Math.max(0, ms), id: seq++, fn };
    timers.push(e);
    if (e.at <= t) scheduleDue();
    return {
      cancel: () => {
        timers = timers.filter((x) => x !== e);
      },
    };
  };

  return {
    now: () => new Date(t),
    after,
    sleep: sleepOn(after),
    set: async (v) => {
      t = typeof v === 'string' ? parseNowValue(v) : v.getTime();
      await fireDue();
    },
    advance: async (ms) => {
      const target = t + ms;
      for (let e = earliest(); e && e.at <= target; e = earliest()) {
        t = Math.max(t, e.at);
        fire(e);
        await turn();
      }
      t = Math.max(t, target);
    },
    next: async () => {
      const e = earliest();
      if (!e) return false;
      t = Math.max(t, e.at);
      await fireDue();
      return true;
    },
    pending: () => [...timers].sort((a, b) => a.at - b.at || a.id - b.id).map((e) => ({ at: new Date(e.at), id: e.id })),
  };
}
