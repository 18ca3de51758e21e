// Driving a manual clock while the program works: time moves only when everything left to do is waiting on it.
import { type Clock, createClock, type ManualClock } from '../../src/clock';

/**
 * Resolves with `work`'s result. While it is unfinished, the clock jumps to its next timer (a rate limiter's wait, a
 * retry, a poll) whenever one is pending; otherwise it waits a moment of real time for the I/O under way. The clock
 * only ever moves to a time something in the program set a timer for.
 */
export async function drive<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let done = false;
  const end = () => {
    done = true;
  };
  const finished = work.then(end, end);
  while (!done) {
    if (clock.pending().length > 0) await clock.next();
    else await Promise.race([finished, new Promise((r) => setTimeout(r, 1))]);
  }
  return work;
}

/**
 * Feishu's time for a double: real time, which a test can move ahead with moveAhead(ms) — e.g. the second a real restart
 * takes, which Feishu's per-second limits count, without the test sleeping through it.
 */
export function feishuTime(): Clock & { moveAhead(ms: number): void } {
  let ahead = 0;
  const clock = createClock(null, () => Date.now() + ahead);
  return {
    ...clock,
    moveAhead: (ms) => {
      ahead += ms;
    },
  };
}
