// Sliding-window limits on what the bot sends: per app per second and per minute, per receiving chat or user.
// Feishu's limits (50/s and 1000/min per app, 5/s per user or group) are the defaults; each is a setting.
// Windows are measured, and waited out, on the clock it is given (the sender's `pace`): a test moves that clock
// instead of sleeping.
import type { Clock } from '../clock';

export type SendLimits = { perSecond: number; perMinute: number; perReceiverPerSecond: number };

export const FEISHU_LIMITS: SendLimits = { perSecond: 50, perMinute: 1000, perReceiverPerSecond: 5 };

/**
 * One request's place in the windows. Its time is when its answer came back, and +Infinity while it is in flight:
 * Feishu counts a request when it arrives, which is somewhere between sending and the answer. Counting from the
 * moment of sending (as before) let a request delayed on its way (an event-loop stall, a slow network) arrive inside
 * the same second as the 50 after it — the test double refused 2–3 % of a 1,000-message run with 99991400.
 */
type Slot = { t: number };
const IN_FLIGHT_POLL_MS = 10;

class Window {
  private slots: Slot[] = [];
  constructor(
    private readonly max: number,
    private readonly spanMs: number,
  ) {}
  /** Milliseconds until one more fits (0 = now). */
  wait(now: number): number {
    this.slots = this.slots.filter((s) => s.t > now - this.spanMs);
    if (this.slots.length < this.max) return 0;
    const ends = this.slots.map((s) => s.t).sort((a, b) => a - b);
    const first = ends[this.slots.length - this.max] ?? now;
    // The slot to wait for is still in flight: its window has not even started to run, look again shortly.
    return Number.isFinite(first) ? first + this.spanMs - now : IN_FLIGHT_POLL_MS;
  }
  take(slot: Slot) {
    this.slots.push(slot);
  }
  idle(now: number): boolean {
    return this.wait(now) === 0 && this.slots.length === 0;
  }
}

export function createRateLimiter(limits: SendLimits, clock: Clock) {
  const now = () => clock.now().getTime();
  // A margin of one millisecond on each window keeps us strictly inside the limit despite timer rounding.
  const second = new Window(limits.perSecond, 1001);
  const minute = new Window(limits.perMinute, 60_001);
  const receivers = new Map<string, Window>();
  const receiver = (key: string) => {
    let w = receivers.get(key);
    if (!w) {
      w = new Window(limits.perReceiverPerSecond, 1001);
      receivers.set(key, w);
    }
    return w;
  };
  const sleep = (ms: number) => clock.sleep(Math.max(1, Math.ceil(ms)));
  // App-wide slots are handed out one at a time so two concurrent senders cannot both take the last one.
  let chain: Promise<void> = Promise.resolve();
  const appSlot = (slot: Slot, receiverWindow: Window | null) => {
    const next = chain.then(async () => {
      for (;;) {
        const t = now();
        const wait = Math.max(second.wait(t), minute.wait(t));
        if (wait <= 0) {
          second.take(slot);
          minute.take(slot);
          receiverWindow?.take(slot);
          return;
        }
        await sleep(wait);
      }
    });
    chain = next.catch(() => {});
    return next;
  };
  return {
    /**
     * Resolves when one more request may go out, with the function to call once its answer (or failure) is in.
     * Callers send to one receiver at a time (the outbox keeps each receiver's messages in order), so a receiver
     * free before the app slot is still free when the slot is granted; all windows share the one slot.
     */
    async acquire(receiverKey: string | null): Promise<() => void> {
      const r = receiverKey ? receiver(receiverKey) : null;
      if (r) for (let w = r.wait(now()); w > 0; w = r.wait(now())) await sleep(w);
      const slot: Slot = { t: Number.POSITIVE_INFINITY };
      await appSlot(slot, r);
      return () => {
        slot.t = now();
      };
    },
    /** Forget receivers idle for a minute, so the map does not grow with every user ever messaged. */
    sweep() {
      const t = now();
      for (const [k, w] of receivers) if (w.idle(t)) receivers.delete(k);
    },
  };
}
