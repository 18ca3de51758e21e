// problemFigures: the ledger's figures for the monthly bulletin, as the month stood at its end (or at the moment of
// composing, when that is earlier), whatever happened to the items afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { problemFigures } from '../../src/db/problem-figures';
import { addProblemEvent } from '../../src/db/problem-changes';
import { SAMPLE } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';

const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();
const OCTOBER = { year: 2026, monthStart: '2026-10-01', monthEnd: '2026-10-31' };

type Step = { on: string; action: string; to?: string; deadline?: string; unit?: string };
type Seed = { code: string; category: string; description: string; raised: string; steps: Step[] };

/**
 * A: worked since September, closed 20 October. B: assigned in October, past its deadline at the month's end.
 * C: raised 20 October, not yet assigned. D: raised in November. E: dismissed in September. F: due on the month's last
 * day. G: past its deadline but 申请销号. H: overdue in October, given a new deadline in November. I: overdue in October,
 * closed in November.
 */
const SEEDS: Record<string, Seed> = {
  A: {
    code: 'LJ2026-014',
    category: 'land',
    description: '征地拆迁尚有3户未签约',
    raised: '2026-09-10 10:00',
    steps: [
      { on: '2026-09-12 10:00', action: 'assign', to: '已交办', deadline: '2026-09-30', unit: '市自然资源和规划局' },
      { on: '2026-09-15 10:00', action: 'progress', to: '办理中' },
      { on: '2026-10-19 10:00', action: 'apply', to: '申请销号' },
      { on: '2026-10-20 10:00', action: 'close', to: '已销号' },
    ],
  },
  B: {
    code: 'LJ2026-015',
    category: 'land',
    description: '临时用地手续未批',
    raised: '2026-10-05 10:00',
    steps: [
      { on: '2026-10-06 10:00', action: 'assign', to: '已交办', deadline: '2026-10-15', unit: '市自然资源和规划局' },
      { on: '2026-10-08 10:00', action: 'progress', to: '办理中' },
    ],
  },
  C: { code: 'LJ2026-016', category: 'funding', description: '专项债资金尚未拨付', raised: '2026-10-20 10:00', steps: [] },
  D: { code: 'LJ2026-017', category: 'funding', description: '配套资金缺口', raised: '2026-11-03 10:00', steps: [] },
  E: {
    code: 'LJ2026-018',
    category: 'approval',
    description: '施工许可办理中',
    raised: '2026-09-01 10:00',
    steps: [{ on: '2026-09-15 10:00', action: 'dismiss', to: '已销号' }],
  },
  F: {
    code: 'LJ2026-019',
    category: '',
    description: '请协调电力接入',
    raised: '2026-10-01 10:00',
    steps: [{ on: '2026-10-02 10:00', action: 'assign', to: '已交办', deadline: '2026-10-31', unit: '市发展改革委' }],
  },
  G: {
    code: 'LJ2026-020',
    category: 'external',
    description: '管线迁改未完成',
    raised: '2026-09-20 10:00',
    steps: [
      { on: '2026-09-21 10:00', action: 'assign', to: '已交办', deadline: '2026-10-10', unit: '市水务集团' },
      { on: '2026-10-25 10:00', action: 'apply', to: '申请销号' },
    ],
  },
  H: {
    code: 'LJ2026-021',
    category: 'land',
    description: '林地报批未完成',
    raised: '2026-10-01 11:00',
    steps: [
      { on: '2026-10-02 10:00', action: 'assign', to: '已交办', deadline: '2026-10-10', unit: '市自然资源和规划局' },
      { on: '2026-11-02 10:00', action: 'assign', to: '已交办', deadline: '2026-11-30', unit: '市住房城乡建设局' },
    ],
  },
  I: {
    code: 'LJ2026-022',
    category: 'approval',
    description: '环评批复未下达',
    raised: '2026-10-03 10:00',
    steps: [
      { on: '2026-10-04 10:00', action: 'assign', to: '已交办', deadline: '2026-10-20', unit: '市生态环境局' },
      { on: '2026-11-05 10:00', action: 'close', to: '已销号' },
    ],
  },
};

describe.each(engines)('problemFigures on %s', (engine) => {
  let t: TestDatabase;
  const ids = new Map<string, number>();
  const project = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    expect(await runCli(['import', SAMPLE, '--year', '2026'], { DATABASE_URL: url, DIAODU_NOW: '2026-09-01T10:00:00+08:00' }, captureIo().io)).toBe(0);
    const unit = async (name: string) => (await t.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    for (const [key, s] of Object.entries(SEEDS)) {
      const p = await t.db.selectFrom('projects').select(['id', 'name']).where('code', '=', s.code).executeTakeFirstOrThrow();
      project.set(key, p.name);
      // The row as it is now (after every step); the events say how it stood before.
      let status = '待梳理';
      let deadline: string | null = null;
      let lead: number | null = null;
      let closed: string | null = null;
      for (const step of s.steps) {
        status = step.to ?? status;
        if (step.deadline) [deadline, lead] = [step.deadline, await unit(step.unit!)];
        if (status === '已销号') closed = at(step.on);
      }
      const row = await t.db
        .insertInto('problems')
        .values({
          project_id: p.id,
          category: s.category,
          description: s.description,
          status,
          raised_by: null,
          raised_at: at(s.raised),
          report_revision_id: null,
          lead_unit_id: lead,
          helper_unit_ids: null,
          deadline,
          closed_at: closed,
          updated_at: at(s.raised),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(key, row.id);
      await addProblemEvent(t.db, { problemId: row.id, actorId: null, at: at(s.raised), action: 'raised', fromStatus: null, toStatus: '待梳理', note: null });
      let from = '待梳理';
      for (const step of s.steps) {
        await addProblemEvent(t.db, {
          problemId: row.id,
          actorId: null,
          at: at(step.on),
          action: step.action,
          fromStatus: from,
          toStatus: step.to ?? from,
          note: null,
          deadline: step.deadline ?? null,
          leadUnitId: step.unit ? await unit(step.unit) : null,
        });
        from = step.to ?? from;
      }
    }
  });
  afterAll(async () => t?.drop());

  const overdueRow = (key: string, leadUnit: string, deadline: string) => {
    const s = SEEDS[key]!;
    const category = { land: '用地', approval: '审批手续', external: '外部条件', funding: '资金' }[s.category] ?? '未分类';
    return { id: ids.get(key), project: project.get(key), category, description: s.description, leadUnit, deadline };
  };

  it('October, composed in November: the month as it ended', async () => {
    const f = await problemFigures(t.db, { ...OCTOBER, now: new Date(at('2026-11-06 09:00')) });
    expect(f.byStatus).toEqual({ 待梳理: 1, 已交办: 3, 办理中: 1, 申请销号: 1, 已销号: 2 });
    expect(f.byCategory).toEqual({ 用地: 3, 审批手续: 2, 资金: 1, 外部条件: 1, 政策制约: 0, 天气季节: 0, 企业自身: 0, 统计入库: 0, 未分类: 1 });
    expect([f.newThisMonth, f.closedThisMonth]).toEqual([5, 1]);
    expect(f.closureRate).toBe(25); // A and E of the eight raised by the end of October
    // H's deadline was 10 October then (it was moved to 30 November later), under 市自然资源和规划局.
    expect(f.overdue).toEqual([
      overdueRow('H', '市自然资源和规划局', '2026-10-10'),
      overdueRow('B', '市自然资源和规划局', '2026-10-15'),
      overdueRow('I', '市生态环境局', '2026-10-20'),
    ]);
  });

  it('October, composed on 16 October: only what had happened by then', async () => {
    const f = await problemFigures(t.db, { ...OCTOBER, now: new Date(at('2026-10-16 12:00')) });
    expect(f.byStatus).toEqual({ 待梳理: 0, 已交办: 4, 办理中: 2, 申请销号: 0, 已销号: 1 });
    expect([f.newThisMonth, f.closedThisMonth]).toEqual([4, 0]);
    expect(f.closureRate).toBeCloseTo((1 / 7) * 100, 10);
    expect(f.overdue.map((o) => o.id)).toEqual([ids.get('A'), ids.get('G'), ids.get('H'), ids.get('B')]);
  });

  it('a month without items: zeros, and no 办结率', async () => {
    const f = await problemFigures(t.db, { year: 2026, monthStart: '2026-08-01', monthEnd: '2026-08-31', now: new Date(at('2026-09-05 09:00')) });
    expect(f).toEqual({
      byStatus: { 待梳理: 0, 已交办: 0, 办理中: 0, 申请销号: 0, 已销号: 0 },
      byCategory: { 用地: 0, 审批手续: 0, 资金: 0, 外部条件: 0, 政策制约: 0, 天气季节: 0, 企业自身: 0, 统计入库: 0 },
      newThisMonth: 0,
      closedThisMonth: 0,
      closureRate: null,
      overdue: [],
    });
  });
});
