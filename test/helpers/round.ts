// The weekly round's acceptance tests: the sample register imported and its people known to the Feishu double, and
// a reporter's side of the cards — find the card the double delivered, tap its buttons, keep the card it turns into.
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { Clock } from '../../src/clock';
import type { FeishuDouble } from '../../src/feishu-double/index';
import { SAMPLE, sampleRegister } from '../fixtures/register-workbooks';
import { checkCardRules } from './card-rules';
import { createTestDatabase, type TestDatabase } from './db';
import { APP, type eventSenderFor, startDouble } from './feishu';
import { captureIo } from './io';

export type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** '2026-11-23 09:00' (Beijing) → the ISO instant the clock and DIAODU_NOW take. */
export const bj = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;

/** A complete weekly form as the client sends it: every field of the form, empty ones as "", with `o` filled in. */
export const form = (o: Record<string, unknown>) => ({
  ytd_investment: '',
  progress_text: '',
  status: 'building',
  problem_category: [],
  problem_text: '',
  coordination: '',
  next_plan: '',
  ...o,
});

export type RegisterPerson = { id: number; name: string; mobile: string; openId: string };
export type RoundWorld = {
  t: TestDatabase;
  double: FeishuDouble;
  /** DATABASE_URL and the Feishu app for the CLI (add DIAODU_NOW per call). */
  env: Record<string, string>;
  people: RegisterPerson[];
  person(name: string): RegisterPerson;
  cli(argv: string[], now: string): Promise<{ code: number; out: string; err: string }>;
};

/**
 * A migrated database of `engine` with the sample register imported (plan year 2026), every person of it in the
 * double's directory (open_id ou_<mobile>), `users sync` run, and `admins` set to the given mobile.
 */
export async function prepareRoundWorld(
  engine: 'sqlite' | 'postgres',
  admin: string,
  opts: {
    feishuClock?: Clock;
    register?: string;
    batchCards?: boolean;
    nodeEscalation?: boolean /** People the given register adds to the sample's. */;
    extraPeople?: number;
  } = {},
): Promise<RoundWorld> {
  const t = await createTestDatabase(engine);
  const dbUrl = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
  const base = { DATABASE_URL: dbUrl };
  const imported = captureIo();
  expect(
    await runCli(['import', opts.register ?? SAMPLE, '--year', '2026'], { ...base, DIAODU_NOW: bj('2026-09-01 10:00') }, imported.io),
    imported.err.join('\n'),
  ).toBe(0);
  const rows = await t.db.selectFrom('people').select(['id', 'name', 'mobile']).orderBy('id').execute();
  const people = rows.map((p) => ({ id: p.id, name: p.name, mobile: p.mobile ?? '', openId: `ou_${p.mobile}` }));
  expect(people.every((p) => /^1\d{10}$/.test(p.mobile))).toBe(true);
  const double = await startDouble({ users: people.map((p) => ({ open_id: p.openId, name: p.name, mobile: p.mobile })), chats: [], clock: opts.feishuClock });
  const env = {
    ...base,
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
    FEISHU_DOMAIN: double.url,
  };
  const cli = async (argv: string[], now: string) => {
    const io = captureIo();
    const code = await runCli(argv, { ...env, DIAODU_NOW: now }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };
  const synced = await cli(['users', 'sync'], bj('2026-09-01 10:05'));
  const everyone = (await sampleRegister()).people.length + (opts.extraPeople ?? 0); // 68: leaders, reporters and unit heads
  expect(people).toHaveLength(everyone);
  expect(synced.out).toContain(`人员 ${everyone} 人：已匹配飞书账号 ${everyone} 人`);
  const admins = await cli(['settings', 'set', 'admins', JSON.stringify([admin])], bj('2026-09-01 10:10'));
  expect(admins.code, admins.err).toBe(0);
  // The sample's 四个一批 and reserve cards would come with the weekly ones; only tests of them turn them on.
  if (!opts.batchCards) expect((await cli(['settings', 'set', 'batches.cards', 'false'], bj('2026-09-01 10:11'))).code).toBe(0);
  // Likewise the escalation of the sample's overdue nodes (节点计划): only the tests of nodes turn it on.
  if (!opts.nodeEscalation) expect((await cli(['settings', 'set', 'nodes.escalate', 'false'], bj('2026-09-01 10:12'))).code).toBe(0);
  const person = (name: string) => {
    const p = people.find((x) => x.name === name);
    if (!p) throw new Error(`no ${name} in the register`);
    return p;
  };
  return { t, double, env, people, person, cli };
}

/** Every text a reader sees on a card (header, markdown, plain text, labels), in order, one string. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key: string | null): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, null);
      return;
    }
    if (!isObj(v)) {
      if (typeof v === 'string' && (key === 'content' || key === 'default_value')) out.push(v);
      return;
    }
    for (const [k, child] of Object.entries(v)) if (k !== 'behaviors' && k !== 'confirm') walk(child, k);
  };
  walk(card, null);
  return out.join('\n');
}

export type CardButton = { text: string; value: Obj; name: string | null; submit: boolean };

/** The buttons of a card with a callback, and the value each sends. */
export function cardButtons(card: unknown): CardButton[] {
  const out: CardButton[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!isObj(v)) return;
    if (v.tag === 'button' && Array.isArray(v.behaviors)) {
      const cb = (v.behaviors as Obj[]).find((b) => b.type === 'callback');
      if (cb && isObj(cb.value)) {
        const text = isObj(v.text) ? String(v.text.content) : '';
        out.push({ text, value: cb.value, name: typeof v.name === 'string' ? v.name : null, submit: v.form_action_type === 'submit' });
      }
    }
    for (const [k, child] of Object.entries(v)) if (k !== 'behaviors') walk(child);
  };
  walk(card);
  return out;
}

/** The one button whose value matches (kind, and projectId/page when given); fails naming what the card offered. */
export function buttonOf(card: unknown, kind: string, o: { projectId?: number; page?: number } = {}): CardButton {
  const all = cardButtons(card);
  const hits = all.filter(
    (b) => b.value.kind === kind && (o.projectId === undefined || b.value.projectId === o.projectId) && (o.page === undefined || b.value.page === o.page),
  );
  expect(hits, `buttons ${kind} ${JSON.stringify(o)} among ${JSON.stringify(all.map((b) => [b.text, b.value]))}`).toHaveLength(1);
  return hits[0]!;
}

/** The components inside the card's form, by name. */
export function formFields(card: unknown): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const walk = (v: unknown, inForm: boolean): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, inForm);
      return;
    }
    if (!isObj(v)) return;
    if (inForm && typeof v.name === 'string' && v.tag !== 'button') out.set(v.name, v);
    for (const [k, child] of Object.entries(v)) if (k !== 'behaviors') walk(child, inForm || v.tag === 'form');
  };
  walk(card, false);
  return out;
}

export function expectValidCard(card: unknown): void {
  expect(checkCardRules(card)).toEqual([]);
}

/** A card on someone's screen: the message it came in and what it shows now (answers to taps replace it). */
export type Shown = { messageId: string; chatId: string; openId: string; card: Obj };
export type TapResult = { status: number; toast: { type: string; content: string } | null; card: Obj | null };

/**
 * Taps a button of a shown card as Feishu delivers it (signed, encrypted callback with the card's token), as the
 * card's holder. The card the bot answers with replaces the shown one, as in the client.
 */
export async function tap(
  sender: ReturnType<typeof eventSenderFor>,
  double: FeishuDouble,
  shown: Shown,
  button: CardButton,
  o: { form?: Record<string, unknown>; clickedAt?: Date } = {},
): Promise<TapResult> {
  const action: Obj = { tag: 'button', value: button.value };
  if (button.name) action.name = button.name;
  if (o.form) action.form_value = o.form;
  const res = await sender.sendCardAction({
    operator: { open_id: shown.openId },
    token: double.issueCardToken(shown.messageId),
    openMessageId: shown.messageId,
    openChatId: shown.chatId,
    action,
    // Feishu stamps the moment of the click on the callback; given here, a test can deliver clicks out of order.
    ...(o.clickedAt ? { header: { create_time: String(o.clickedAt.getTime()) } } : {}),
  });
  const body = (res.json ?? {}) as { toast?: { type: string; content: string }; card?: { type: string; data: Obj } };
  const card = body.card?.data ?? null;
  if (card) expectValidCard(card);
  if (card) shown.card = card;
  return { status: res.status, toast: body.toast ?? null, card };
}
