// Issue 17, row 3: a signed request is refused when its X-Lark-Request-Timestamp is outside the replay window, so a
// captured event replayed byte for byte has no effect even after the once-only memory has been swept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import type { FeishuDouble } from '../../src/feishu-double';
import { REMEMBER_MS } from '../../src/bot';
import { REPLAY_WINDOW_MS } from '../../src/transport/webhook';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { BOT_OPEN_ID, eventSenderFor, rowCounts, startDouble, waitFor } from '../helpers/feishu';

const START = '2026-11-23T09:00:00+08:00';
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe.each(engines)('replayed and badly stamped webhook requests on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let bot: BotServer;
  const clock = createManualClock(START);
  let feishu: ReturnType<typeof eventSenderFor>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    double = await startDouble();
    bot = await startBotServer({ database: t.target, double, clock });
    feishu = eventSenderFor(double, bot.webhookUrl, { clock });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await t?.drop();
  });

  it('keeps the once-only memory longer than the replay window', () => {
    expect(REPLAY_WINDOW_MS).toBeGreaterThanOrEqual(7 * 3600_000 + 5 * 60_000); // Feishu's last retry, ~7 h 05 min
    expect(REMEMBER_MS).toBeGreaterThan(REPLAY_WINDOW_MS);
  });

  it('refuses signed events and callbacks stamped 30 days old, in 2000, in 9999999999 or "abc" with 401, storing nothing', async () => {
    const now = clock.now().getTime();
    const before = await rowCounts(t.db);
    for (const timestamp of [seconds(now - 30 * 86_400_000), '946684800', '9999999999', 'abc', '', seconds(now + 2 * REPLAY_WINDOW_MS)]) {
      const msg = await feishu.sendMessage({ text: '取消通报群', sender: { open_id: 'ou_zhang' } }, { timestamp });
      expect(msg.status, `message stamped ${timestamp}`).toBe(401);
      expect(msg.json).toEqual({ error: 'unauthorized' });
      const click = await feishu.sendCardAction(
        { operator: { open_id: 'ou_zhang' }, action: { value: { kind: 'round_list' } }, openMessageId: 'om_x', openChatId: 'oc_project' },
        { timestamp },
      );
      expect(click.status, `callback stamped ${timestamp}`).toBe(401);
    }
    await bot.bot?.pipeline.idle();
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("accepts a delivery stamped as Feishu's last retry would be (7 h 10 min ago)", async () => {
    const res = await feishu.sendMessage(
      { text: '你好', sender: { open_id: 'ou_zhang' } },
      { timestamp: seconds(clock.now().getTime() - (7 * 60 + 10) * 60_000) },
    );
    expect(res.status).toBe(200);
    await bot.bot?.pipeline.idle();
  });

  it('refuses a captured 取消通报群 replayed byte for byte after the once-only memory was swept', async () => {
    const first = await feishu.sendMessage({
      text: '取消通报群',
      sender: { open_id: 'ou_admin' },
      chatType: 'group',
      chatId: 'oc_project',
      mentions: [{ open_id: BOT_OPEN_ID }],
    });
    expect(first.status).toBe(200);
    await bot.bot?.pipeline.idle();
    const remembered = async () => (await rowCounts(t.db)).handled_events;
    expect(await remembered()).toBeGreaterThan(0);

    // Past the memory: the hourly sweep forgets the event.
    await clock.set(new Date(clock.now().getTime() + REMEMBER_MS + 2 * 3600_000));
    await clock.advance(3600_000);
    // The sweep the timer started runs its deletes on its own: waited for, not raced.
    expect(await waitFor('the sweep', remembered, (n) => n === 0, 10_000)).toBe(0);

    const before = await rowCounts(t.db);
    const replay = await fetch(bot.webhookUrl, { method: 'POST', headers: first.sentHeaders, body: first.rawBody });
    expect(replay.status).toBe(401);
    await bot.bot?.pipeline.idle();
    expect(await rowCounts(t.db)).toEqual(before);
    expect(await remembered()).toBe(0);
  });
});
