// `diaodu outbox list [--failed|--pending]` and `diaodu outbox retry ID`: what the bot could not deliver, and why.
import { outboxCounts, outboxRows, requeueFailed } from '../../db/outbox-admin';
import type { Command } from '../command';

const STATUS_TEXT: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '发送失败' };

export const outboxListCommand: Command = {
  name: 'outbox list',
  summary: '查看发件箱（默认列出发送失败和待发送的消息）',
  help: `用法：diaodu outbox list [--failed | --pending | --all] [--limit 50]

  --failed    只列发送失败的消息及原因（如用户已离职、已屏蔽机器人、缺少权限）
  --pending   只列待发送（含等待重试）的消息
  --all       也列出已发送的消息
  --limit N   最多列出 N 条（默认 50，按时间倒序）`,
  options: { failed: { type: 'boolean' }, pending: { type: 'boolean' }, all: { type: 'boolean' }, limit: { type: 'string' } },
  async run(ctx, { values }) {
    const limit = Number(values.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1) {
      ctx.io.err('--limit 应为正整数');
      return 2;
    }
    const statuses: Array<'failed' | 'pending' | 'sent'> = values.failed
      ? ['failed']
      : values.pending
        ? ['pending']
        : values.all
          ? ['failed', 'pending', 'sent']
          : ['failed', 'pending'];
    const { db } = await ctx.openDb();
    const counts = await outboxCounts(db);
    ctx.io.out(`发件箱：${counts.map((c) => `${STATUS_TEXT[c.status] ?? c.status} ${Number(c.n)} 条`).join('，') || '空'}`);
    const rows = await outboxRows(db, statuses, limit);
    for (const r of rows) {
      const to = r.op === 'create' ? `${r.receive_id_type}:${r.receive_id}` : r.op === 'card_update' ? '卡片回调更新' : `消息 ${r.target_message_id}`;
      const why = r.last_error ? `  原因：${r.last_error}` : '';
      ctx.io.out(`#${r.id}  ${STATUS_TEXT[r.status] ?? r.status}  ${r.created_at}  ${r.op} → ${to}  尝试 ${r.attempts} 次${why}`);
    }
    return 0;
  },
};

export const outboxRetryCommand: Command = {
  name: 'outbox retry',
  writes: true,
  summary: '把发送失败的消息重新放回待发送（如补开权限之后）',
  help: `用法：diaodu outbox retry 编号… | --all-failed

把发送失败的消息重新排入发送队列；消息带原来的去重标识，不会重复送达已收到的人。`,
  options: { 'all-failed': { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const ids = positionals.map(Number);
    if ((!values['all-failed'] && ids.length === 0) || ids.some((n) => !Number.isInteger(n) || n < 1)) {
      ctx.io.err('请给出消息编号（diaodu outbox list --failed 中的 #编号），或使用 --all-failed');
      return 2;
    }
    const { db } = await ctx.openDb();
    const n = await requeueFailed(db, values['all-failed'] ? 'all' : ids, ctx.clock.now());
    ctx.io.out(`已重新排入发送队列 ${n} 条。`);
    return 0;
  },
};
