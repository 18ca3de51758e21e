// Sliding-window limits on what the bot sends: per app per second and per minute, per receiving chat or user.
// Feishu's limits (50/s and 1000/min per app, 5/s per user or group) are the defaults; each is a setting.

export type SendLimits = { perSecond: number; perMinute: number; perReceiverPerSecond: number };

export const FEISHU_LIMITS: SendLimits = { perSecond: 50, perMinute: 1000, perReceiverPerSecond: 5 };

class Window {
  private times: number[] = [];
  constructor(private readonly max: number, private readonly spanMs: number) {}
  /** Milliseconds until one more fits (0 = now). */
  wait(now: number): number {
    while (this.times.length && (this.times[0] ?? 0) <= now - this.spanMs) this.times.shift();
    if (this.times.length < this.max) return 0;
    return (this.times[this.times.length - this.max] ?? now) + this.spanMs - now;
  }
  take(now: number) {
    this.times.push(now);
  }
  idle(now: number): boolean {
    return this.wait(now) === 0 && this.times.length === 0;
  }
}

export function createRateLimiter(limits: SendLimits, now: () => number = () => performance.now()) {
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
  const sleep = (ms: number) => new Promise((res) => setTimeout(res, Math.max(1, Math.ceil(ms))));
  // App-wide slots are handed out one at a time so two concurrent senders cannot both take the last one.
  let chain: Promise<void> = Promise.resolve();
  const appSlot = (then: (t: number) => void) => {
    const next = chain.then(async () => {
      for (;;) {
        const t = now();
        const wait = Math.max(second.wait(t), minute.wait(t));
        if (wait <= 0) {
          second.take(t);
          minute.take(t);
          then(t);
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
     * Resolves when one more request may go out. Callers send to one receiver at a time (the outbox keeps each
     * receiver's messages in order), so a receiver free before the app slot is still free when the slot is granted;
     * both are recorded at the same instant, the moment of sending.
     */
    async acquire(receiverKey: string | null): Promise<void> {
      const r = receiverKey ? receiver(receiverKey) : null;
      if (r) for (let w = r.wait(now()); w > 0; w = r.wait(now())) await sleep(w);
      await appSlot((t) => r?.take(t));
    },
    /** Forget receivers idle for a minute, so the map does not grow with every user ever messaged. */
    sweep() {
      const t = now();
      for (const [k, w] of receivers) if (w.idle(t)) receivers.delete(k);
    },
  };
}
