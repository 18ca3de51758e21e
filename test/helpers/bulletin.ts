// The monthly bulletin's fault tests: the sample register (prepareRoundWorld) with two administrators and several
// bulletin groups, and what an administrator or a group sees of the bulletin in the Feishu double.
import { saveReport } from '../../src/db/reports';
import { expect } from 'vitest';
import { bulletinTitle, renderBulletinCards } from '../../cards/bulletin/cards';
import { type BulletinRow, snapshotOf } from '../../src/bulletin/publish/store';
import type { DeliveredMessage } from '../../src/feishu-double';
import { bj, type CardButton, cardButtons, prepareRoundWorld, type RoundWorld, type Shown } from './round';

export type BulletinGroupChat = { chat_id: string; name: string };
export type BulletinWorld = RoundWorld & { admins: { openId: string; name: string }[]; groups: BulletinGroupChat[] };

/** The first administrator is 金俊杰 (13900010001), as in the round tests. */
export const ADMIN_MOBILE = '13900010001';

/**
 * The sample register, two administrators, and `groups` bulletin groups (in the double, with the administrators as
 * members, and chosen as bulletin groups as "设为通报群" would). The round of the week of 2 November is marked as run,
 * so that a bot started in that week sends nothing but the bulletin.
 */
export async function prepareBulletinWorld(engine: 'sqlite' | 'postgres', groups: number): Promise<BulletinWorld> {
  const w = await prepareRoundWorld(engine, ADMIN_MOBILE);
  const second = w.people.find((p) => p.mobile !== ADMIN_MOBILE)!;
  const admins = [w.people.find((p) => p.mobile === ADMIN_MOBILE)!, second];
  const set = await w.cli(['settings', 'set', 'admins', JSON.stringify(admins.map((a) => a.mobile))], bj('2026-09-01 10:15'));
  expect(set.code, set.err).toBe(0);
  // These tests are about the 5th at 09:00: a fixed day of the month, as an office may set it (the default waits for
  // the month-end round's deadline; see test/integration/year-cycle.test.ts).
  const fixed = await w.cli(['settings', 'set', 'bulletin.schedule', '"5日 09:00"'], bj('2026-09-01 10:16'));
  expect(fixed.code, fixed.err).toBe(0);
  const chats = Array.from({ length: groups }, (_, i) => ({ chat_id: `oc_bulletin_${i + 1}`, name: `通报群${i + 1}` }));
  for (const [i, c] of chats.entries()) {
    w.double.addChat({ ...c, members: admins.map((a) => a.openId) });
    await w.t.db
      .insertInto('chats')
      .values({
        chat_id: c.chat_id,
        name: c.name,
        is_bulletin_group: 1,
        added_at: new Date(Date.parse(bj('2026-10-01 10:00')) + i * 1000).toISOString(),
        removed_at: null,
      })
      .execute();
  }
  // One report from September: the monthly job composes a month only once someone has reported on it.
  const project = await w.t.db.selectFrom('projects').select('id').orderBy('id').executeTakeFirstOrThrow();
  const september = await w.t.db
    .insertInto('weekly_periods')
    .values({
      plan_year: 2026,
      week_start: '2026-09-07',
      opens_at: '2026-09-07T01:00:00.000Z',
      remind_at: '2026-09-10T07:00:00.000Z',
      deadline_at: '2026-09-11T10:00:00.000Z',
      asks_month_end: null,
      created_at: new Date(bj('2026-09-07 09:00')).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.t.db.transaction().execute((tx) =>
    saveReport(tx, project.id, september.id, {
      ytdYuan: 12_345_000,
      monthEndYuan: null,
      progressText: '主体结构施工至8层',
      status: 'building',
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: null,
      noChange: false,
      late: false,
      submittedBy: null,
      submittedAt: new Date(bj('2026-09-10 10:00')),
    }),
  );
  const at = new Date(bj('2026-11-02 09:00')).toISOString();
  for (const job of ['round.open', 'round.remind', 'round.close']) {
    await w.t.db.insertInto('job_runs').values({ job, run_key: '2026-11-02', status: 'done', started_at: at, finished_at: at, error: null }).execute();
  }
  return { ...w, admins: admins.map((a) => ({ openId: a.openId, name: a.name })), groups: chats };
}

const contentOf = (m: DeliveredMessage) => JSON.parse(m.content) as Record<string, unknown>;

/** Every approval card (with 发布) an administrator received, oldest first. */
export function approvalCards(w: RoundWorld, openId: string): (Shown & { publish: CardButton; ret: CardButton })[] {
  return w.double.messages
    .filter((m) => m.user_open_id === openId && m.msg_type === 'interactive' && cardButtons(contentOf(m)).some((b) => b.value.kind === 'bulletin_publish'))
    .map((m) => {
      const card = contentOf(m);
      const buttons = cardButtons(card);
      return {
        messageId: m.message_id,
        chatId: m.chat_id,
        openId,
        card,
        publish: buttons.find((b) => b.value.kind === 'bulletin_publish')!,
        ret: buttons.find((b) => b.value.kind === 'bulletin_return')!,
      };
    });
}

/** What a group received from the bot (after the first `since` messages of the double), in the order it arrived. */
export const groupMessages = (w: RoundWorld, chatId: string, since = 0) =>
  w.double.messages.slice(since).filter((m) => m.chat_id === chatId && m.via === 'create');

/**
 * Each group got the published bulletin's cards once each and in order, then the 附表 once and — when the service
 * builds it (the bot does; some tests inject only a workbook) — the Word document once: nothing missing, nothing
 * twice (every message under its own uuid).
 */
export function expectEveryGroupGotItOnce(w: BulletinWorld, row: BulletinRow, since = 0, document = true): void {
  const b = snapshotOf(row);
  const cards = renderBulletinCards(b);
  for (const g of w.groups) {
    const got = groupMessages(w, g.chat_id, since);
    expect(
      got.map((m) => m.msg_type),
      g.name,
    ).toEqual([...cards.map(() => 'interactive'), 'file', ...(document ? ['file'] : [])]);
    expect(got.slice(0, cards.length).map(contentOf), g.name).toEqual(cards);
    expect(new Set(got.map((m) => m.uuid)).size, g.name).toBe(got.length);
    const name = (m: (typeof got)[number]) => w.double.state.files.get((contentOf(m) as { file_key: string }).file_key)?.file_name;
    expect(name(got[cards.length]!), g.name).toMatch(/^2026年1–\d+月全市重点项目完成情况表\.xlsx$/);
    if (document) expect(name(got[cards.length + 1]!), g.name).toBe(`${bulletinTitle(b)}（${b.issue?.year}年第${b.issue?.number}期）.docx`);
  }
}
