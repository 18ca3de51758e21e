// The transaction a handler's effects commit in: its messages go into the outbox in the same transaction, retried
// as a whole while SQLite is busy, and the sender is told once it committed with something to send.
import type { AppContext } from '../context';
import type { Db } from '../db/connect';
import type { OutgoingMessage } from '../db/sql/outbox-write';
import { enqueue } from '../feishu/outbox';
import type { HandlerScope } from '../scope';

/** Messages a handler asked to send, each under its key. */
export type Outgoing = Array<{ msg: OutgoingMessage; key: string }>;

export type Transaction = <T>(fn: (scope: HandlerScope) => Promise<T>) => Promise<T>;

export function createTransaction(ctx: AppContext, onQueued?: () => void): Transaction {
  function scopeFor(tx: Db, now: Date, queued: { n: number }): HandlerScope {
    return {
      ctx,
      tx,
      now,
      send: async (msg, key) => {
        const r = await enqueue(tx, msg, now, key);
        if (r.queued) queued.n += 1;
      },
    };
  }

  return async function transaction<T>(fn: (scope: HandlerScope) => Promise<T>): Promise<T> {
    const queued = { n: 0 };
    const now = ctx.clock.now();
    const result = await ctx.engine.retry(() => {
      queued.n = 0;
      return ctx.db.transaction().execute((tx) => fn(scopeFor(tx, now, queued)));
    });
    if (queued.n > 0) onQueued?.();
    return result;
  };
}
