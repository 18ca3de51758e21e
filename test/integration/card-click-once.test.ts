// A form submitted twice (double click, or the same card on phone and desktop) has the effect of one submission.
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import type { AppContext } from '../../src/context';
import { loadConfig } from '../../src/config';
import { createEventSender } from '../../src/feishu-double/index';
import { createOnCardAction } from '../../src/handlers/on-card-action';
import { createApp } from '../../src/http/app';
import { silentLogger } from '../../src/log';
import { createPipeline } from '../../src/transport/pipeline';
import { mountWebhook } from '../../src/transport/webhook';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

const FEISHU = { FEISHU_APP_ID: 'cli_a1b2c3d4e5f6a7b8', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 'vt-click', FEISHU_ENCRYPT_KEY: 'ek-click' };

/** A webhook with only the card dispatcher behind it, on a fresh database of the engine, and a sender that signs as Feishu does. */
async function startClickServer(engine: 'sqlite' | 'postgres', byKind: Parameters<typeof createOnCardAction>[0]) {
  const t = await createTestDatabase(engine);
  const config = loadConfig(FEISHU);
  const clock = createManualClock('2026-11-23T09:00:00+08:00');
  const ctx: AppContext = { config, db: t.db, engine: t.engine, clock, log: silentLogger };
  const app = createApp(ctx);
  const pipeline = createPipeline({ ctx, handlers: {}, card: createOnCardAction(byKind) });
  mountWebhook(app, config.feishu!, pipeline, silentLogger, clock);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0 }, (info) => resolve(info.port));
  });
  const sender = createEventSender({
    botUrl: `http://127.0.0.1:${port}/feishu/events`,
    encryptKey: FEISHU.FEISHU_ENCRYPT_KEY,
    verificationToken: FEISHU.FEISHU_VERIFICATION_TOKEN,
    appId: FEISHU.FEISHU_APP_ID,
    clock,
  });
  return { t, server: server as ServerType, sender };
}

describe.each(engines)('card clicks on %s', (engine) => {
  let t: TestDatabase;
  let server: ServerType | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(null)));
    server = undefined;
    await t?.drop();
  });

  const start = async (onSubmit: () => void) => {
    const started = await startClickServer(engine, {
      weekly_submit: async () => {
        onSubmit();
        return { toast: { type: 'success', content: '已提交' } };
      },
    });
    t = started.t;
    server = started.server;
    return started.sender;
  };

  const submit = (formValue: Record<string, unknown>, operator = 'ou_reporter') => ({
    operator: { open_id: operator },
    openMessageId: 'om_card_1',
    openChatId: 'oc_p2p_1',
    action: { tag: 'button', name: 'submit', value: { kind: 'weekly_submit', project: 'LJ2026-001' }, form_value: formValue },
  });

  it('runs the handler once for two identical submissions, and again for changed values', async () => {
    let calls = 0;
    const sender = await start(() => (calls += 1));
    const first = await sender.sendCardAction(submit({ ytd_investment: '1234.5', progress_text: '主体施工至12层' }));
    // The second device sends the same form, its fields in another order.
    const second = await sender.sendCardAction(submit({ progress_text: '主体施工至12层', ytd_investment: '1234.5' }));
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ toast: { type: 'success', content: '已提交' } });
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ toast: { type: 'info', content: '已处理过这次操作，无需重复点击。' } });
    expect(calls).toBe(1);

    const corrected = await sender.sendCardAction(submit({ ytd_investment: '1300', progress_text: '主体施工至12层' }));
    expect(corrected.json).toEqual({ toast: { type: 'success', content: '已提交' } });
    expect(calls).toBe(2);
  });

  it('answers a button of an unknown kind with a plain message, not an error', async () => {
    const sender = await start(() => {});
    const res = await sender.sendCardAction({ ...submit({}), action: { tag: 'button', value: { kind: 'no_such_thing' } } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ toast: { type: 'warning', content: '该卡片已失效，请使用最新的卡片操作。' } });
  });
});

describe.each(engines)('card clicks that achieve nothing on %s', (engine) => {
  let t: TestDatabase;
  let server: ServerType | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(null)));
    server = undefined;
    await t?.drop();
  });

  it('lets the same click be tried again after a refusal, and does not let one person use up another’s click', async () => {
    let allowed = false;
    const stored: string[] = [];
    const started = await startClickServer(engine, {
      weekly_submit: async (_s, a) => {
        if (a.operator.open_id !== 'ou_reporter' || !allowed) return { toast: { type: 'error', content: '不能填报' } };
        stored.push(a.operator.open_id);
        return { toast: { type: 'success', content: '已提交' } };
      },
    });
    t = started.t;
    server = started.server;
    const sender = started.sender;
    const click = (operator: string) => ({
      operator: { open_id: operator },
      openMessageId: 'om_card_1',
      openChatId: 'oc_p2p_1',
      action: { tag: 'button', name: 'submit', value: { kind: 'weekly_submit' }, form_value: { ytd_investment: '1' } },
    });
    expect((await sender.sendCardAction(click('ou_stranger'))).json).toEqual({ toast: { type: 'error', content: '不能填报' } });
    expect((await sender.sendCardAction(click('ou_reporter'))).json).toEqual({ toast: { type: 'error', content: '不能填报' } });
    allowed = true;
    expect((await sender.sendCardAction(click('ou_reporter'))).json).toEqual({ toast: { type: 'success', content: '已提交' } });
    expect((await sender.sendCardAction(click('ou_reporter'))).json).toEqual({ toast: { type: 'info', content: '已处理过这次操作，无需重复点击。' } });
    expect(stored).toEqual(['ou_reporter']);
  });
});
