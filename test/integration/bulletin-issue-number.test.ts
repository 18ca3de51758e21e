// The 期号 of the monthly bulletin (issue 16, item 4): given at 发布, in the publishing transaction, so the numbers of a
// plan year are unique and follow the order of publication — a draft only shows the number it would get (拟). The
// real composer and two bot instances on one database; each `it` picks up where the one before left off.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { snapshotOf } from '../../src/bulletin/publish/store';
import { createManualClock } from '../../src/clock';
import { type BotServer, startBotServer } from '../helpers/bot';
import { approvalCards, type BulletinWorld, expectEveryGroupGotItOnce, groupMessages, prepareBulletinWorld } from '../helpers/bulletin';
import { engines } from '../helpers/db';
import { type DocxParagraph, readDocx } from '../helpers/docx';
import { eventSenderFor, settled } from '../helpers/feishu';
import { bj, cardText, tap } from '../helpers/round';

const golden = readFileSync(join(import.meta.dirname, '../fixtures/golden/october-v1.snapshot.json'), 'utf8');

describe.each(engines)('the 期号 of the monthly bulletin on %s', (engine) => {
  let w: BulletinWorld;
  let a: BotServer;
  let b: BotServer;
  const clock = createManualClock(bj('2026-11-05 08:00'));

  beforeAll(async () => {
    w = await prepareBulletinWorld(engine, 1);
    // December 2025, published: a bulletin of the year before, which the numbering of 2026 does not count.
    const at = new Date(bj('2026-01-08 10:00')).toISOString();
    await w.t.db
      .insertInto('bulletins')
      .values({
        month: '2025-12',
        kind: 'month',
        status: 'published',
        snapshot: golden.replace('"month": "2026-10"', '"month": "2025-12"'),
        composed_at: at,
        decided_by: null,
        decided_at: at,
        note: null,
      })
      .execute();
    // Two instances share Feishu's limits, as the README tells a deployment to set them (see bulletin-two-instances).
    const limits = await w.cli(['settings', 'set', 'feishu.sendLimits', '{"perSecond":25,"perMinute":500,"perReceiverPerSecond":2}'], bj('2026-11-05 07:40'));
    expect(limits.code, limits.err).toBe(0);
    a = await startBotServer({ database: w.t.target, double: w.double, clock });
    b = await startBotServer({ database: w.t.target, double: w.double, clock });
  }, 90_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  /** Everything sent; the clock moved on a second or two where a per-second sending limit makes a sender wait on it. */
  const settle = async () => {
    for (let i = 0; ; i++) {
      a.bot!.sender.wake();
      b.bot!.sender.wake();
      try {
        await settled(w.t.db, 5000);
        return;
      } catch (err) {
        if (i >= 5) throw err;
        await clock.set(new Date(clock.now().getTime() + 2000));
      }
    }
  };
  const senderOf = (s: BotServer) => eventSenderFor(w.double, s.webhookUrl, { clock });
  const rowOf = async (month: string) =>
    await w.t.db.selectFrom('bulletins').selectAll().where('month', '=', month).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const issueOf = async (month: string) => snapshotOf(await rowOf(month)).issue;
  const compose = async (month: string, when: string) => {
    await clock.set(bj(when));
    const r = await a.bot!.bulletin!.submitDraft(a.ctx, month);
    expect(r.kind).toBe('draft');
    await settle();
    return (r as { bulletinId: number }).bulletinId;
  };
  /**
   * A bulletin row's Word file stored under `name` ('bulletin:<id>:docx', the preview's; ':issued', the published one)
   * as sent to `to` (one of its file messages carries the file): the name Feishu got and the 期号 line read back.
   */
  const wordFile = async (name: string, to: Array<{ msg_type: string; content: string }>) => {
    const row = await w.t.db.selectFrom('outbox_files').select(['file_name', 'file_key', 'data']).where('name', '=', name).executeTakeFirstOrThrow();
    const keys = to.filter((m) => m.msg_type === 'file').map((m) => (JSON.parse(m.content) as { file_key: string }).file_key);
    expect(keys).toContain(row.file_key);
    const { blocks } = await readDocx(Buffer.from(row.data));
    return { name: row.file_name, issue: blocks.filter((b): b is DocxParagraph => b.kind === 'p' && b.text !== '')[1]?.text };
  };
  const approval = (adminIndex: number, bulletinId: number) =>
    approvalCards(w, w.admins[adminIndex]!.openId).find((c) => c.publish.value.bulletinId === bulletinId)!;

  it('October’s draft waits while November’s is composed: both show 2026年第1期 as provisional (拟)', async () => {
    const october = await compose('2026-10', '2026-11-05 09:00');
    const november = await compose('2026-11', '2026-12-05 09:00');
    for (const [month, id] of [
      ['2026-10', october],
      ['2026-11', november],
    ] as const) {
      expect(await issueOf(month)).toMatchObject({ year: 2026, number: 1 });
      const card = approval(0, id);
      expect(cardText(card.card)).toContain('期号：2026年第1期（拟，发布时按本年度月通报的发布先后确定）。');
      // The preview the administrators get says so too.
      const preview = renderBulletinCards(snapshotOf(await rowOf(month)), { draft: true });
      expect(cardText(preview[0])).toContain('2026年第1期（拟）');
      expect(cardText(preview[0])).toContain('期号和落款日期在发布时确定');
    }
    // And so does the Word file sent with the preview, in its name and in its 期号 line, as the draft card does.
    const toAdmin = w.double.messages.filter((m) => m.user_open_id === w.admins[0]!.openId);
    expect(await wordFile(`bulletin:${october}:docx`, toAdmin)).toEqual({
      name: '2026年1–10月全市重点项目建设情况通报（2026年第1期，拟）.docx',
      issue: '2026年第1期（拟）',
    });
    expect(await wordFile(`bulletin:${november}:docx`, toAdmin)).toEqual({
      name: '2026年1–11月全市重点项目建设情况通报（2026年第1期，拟）.docx',
      issue: '2026年第1期（拟）',
    });
  });

  it('November published first is 第1期, October published after it 第2期, each dated the day it is published', async () => {
    const mark = w.double.messages.length;
    await clock.set(bj('2026-12-07 10:00'));
    const nov = approval(0, (await rowOf('2026-11')).id);
    expect((await tap(senderOf(a), w.double, nov, nov.publish)).toast?.type).toBe('success');
    await clock.set(bj('2026-12-08 10:00'));
    const oct = approval(1, (await rowOf('2026-10')).id);
    const published = await tap(senderOf(b), w.double, oct, oct.publish);
    expect(published.toast?.type).toBe('success');
    expect(cardText(published.card)).toContain('期号：2026年第2期。');
    await settle();
    expect(await issueOf('2026-11')).toMatchObject({ year: 2026, number: 1, date: '2026-12-07' });
    expect(await issueOf('2026-10')).toMatchObject({ year: 2026, number: 2, date: '2026-12-08' });
    // The groups got each as stored (the snapshot of record re-renders to exactly what was sent), with its Word file.
    const g = w.groups[0]!;
    const sent = groupMessages(w, g.chat_id, mark);
    const files = sent
      .filter((m) => m.msg_type === 'file')
      .map((m) => w.double.state.files.get((JSON.parse(m.content) as { file_key: string }).file_key)?.file_name);
    expect(files).toEqual([
      '2026年1–11月全市重点项目完成情况表.xlsx',
      '2026年1–11月全市重点项目建设情况通报（2026年第1期）.docx',
      '2026年1–10月全市重点项目完成情况表.xlsx',
      '2026年1–10月全市重点项目建设情况通报（2026年第2期）.docx',
    ]);
    // The published Word files carry the final number without 拟 — November's too, whose number did not change.
    expect(await wordFile(`bulletin:${(await rowOf('2026-11')).id}:docx:issued`, sent)).toEqual({
      name: '2026年1–11月全市重点项目建设情况通报（2026年第1期）.docx',
      issue: '2026年第1期',
    });
    expect(await wordFile(`bulletin:${(await rowOf('2026-10')).id}:docx:issued`, sent)).toEqual({
      name: '2026年1–10月全市重点项目建设情况通报（2026年第2期）.docx',
      issue: '2026年第2期',
    });
    const octCards = renderBulletinCards(snapshotOf(await rowOf('2026-10')));
    expect(cardText(octCards[0])).toContain('2026年第2期 · 市重点项目建设工作领导小组办公室');
    expect(cardText(octCards.at(-1))).toContain('2026年12月8日');
  });

  it('a 季度分析 published in between takes no 期号: the next month is 第3期', async () => {
    await clock.set(bj('2026-12-08 11:00'));
    const q = await a.bot!.bulletin!.submitDraft(a.ctx, '2026-Q3', { kind: 'quarter' });
    expect(q.kind).toBe('draft');
    await settle();
    const card = approval(0, (q as { bulletinId: number }).bulletinId);
    expect((await tap(senderOf(a), w.double, card, card.publish)).toast?.type).toBe('success');
    await settle();
    expect((await rowOf('2026-Q3')).status).toBe('published');
    const september = await compose('2026-09', '2026-12-08 11:30');
    await clock.set(bj('2026-12-09 09:00'));
    const mark = w.double.messages.length;
    const c = approval(0, september);
    expect((await tap(senderOf(a), w.double, c, c.publish)).toast?.type).toBe('success');
    await settle();
    expect(await issueOf('2026-09')).toMatchObject({ number: 3, date: '2026-12-09' });
    expectEveryGroupGotItOnce(w, await rowOf('2026-09'), mark);
  });

  it('two months published at the same moment on two instances get two numbers, 第4期 and 第5期', async () => {
    const july = await compose('2026-07', '2026-12-09 10:00');
    const august = await compose('2026-08', '2026-12-09 10:01');
    await clock.set(bj('2026-12-10 09:00'));
    const mark = w.double.messages.length;
    const j = approval(0, july);
    const g = approval(1, august);
    const results = await Promise.all([tap(senderOf(a), w.double, j, j.publish), tap(senderOf(b), w.double, g, g.publish)]);
    expect(results.map((r) => r.toast?.type)).toEqual(['success', 'success']);
    await settle();
    const numbers = [(await issueOf('2026-07'))!.number, (await issueOf('2026-08'))!.number];
    expect(numbers.sort()).toEqual([4, 5]);
    const files = groupMessages(w, w.groups[0]!.chat_id, mark)
      .filter((m) => m.msg_type === 'file')
      .map((m) => w.double.state.files.get((JSON.parse(m.content) as { file_key: string }).file_key)?.file_name ?? '')
      .filter((n) => n.endsWith('.docx'))
      .sort();
    expect(files).toEqual([
      `2026年1–7月全市重点项目建设情况通报（2026年第${(await issueOf('2026-07'))!.number}期）.docx`,
      `2026年1–8月全市重点项目建设情况通报（2026年第${(await issueOf('2026-08'))!.number}期）.docx`,
    ]);
  });
});
