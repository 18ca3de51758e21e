// `diaodu outbox list --failed` shows administrators what could not be delivered and why; `retry` queues it again.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { enqueue } from '../../src/feishu/outbox';
import { captureIo } from '../helpers/io';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

describe.each(engines)('outbox commands on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.drop());

  it('lists failed messages with their reason and puts them back on request', async () => {
    t = await createTestDatabase(engine);
    const now = new Date('2026-11-27T01:00:00Z');
    await t.db.transaction().execute(async (tx) => {
      await enqueue(tx, { op: 'create', receiveIdType: 'open_id', receiveId: 'ou_gone', msgType: 'text', content: { text: '本周填报' } }, now);
      await enqueue(tx, { op: 'create', receiveIdType: 'open_id', receiveId: 'ou_ok', msgType: 'text', content: { text: '本周填报' } }, now);
    });
    await t.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 1, last_error: '该用户已离职（错误码 230029）' })
      .where('receive_id', '=', 'ou_gone')
      .execute();
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    await t.close();

    const list = captureIo();
    expect(await runCli(['outbox', 'list', '--failed'], { DATABASE_URL: url }, list.io)).toBe(0);
    const text = list.out.join('\n');
    expect(text).toContain('发送失败 1 条');
    expect(text).toContain('待发送 1 条');
    expect(text).toContain('open_id:ou_gone');
    expect(text).toContain('该用户已离职（错误码 230029）');
    expect(text).not.toContain('open_id:ou_ok');

    const retry = captureIo();
    expect(await runCli(['outbox', 'retry', '--all-failed'], { DATABASE_URL: url }, retry.io)).toBe(0);
    expect(retry.out.join('\n')).toContain('已重新排入发送队列 1 条');
    const after = captureIo();
    await runCli(['outbox', 'list'], { DATABASE_URL: url }, after.io);
    expect(after.out[0]).toBe('发件箱：待发送 2 条');

    const bad = captureIo();
    expect(await runCli(['outbox', 'retry'], { DATABASE_URL: url }, bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('请给出消息编号');
  });
});
