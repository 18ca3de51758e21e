// The bulletin's text and cards under any well-formed Bulletin: amounts of 万元 with up to 4 decimals (whole 元),
// rates missing or above 100 %, gaps either way, sections empty or long. Rendering never throws, every card keeps to
// Feishu's limits (checkCardRules), and a gap to 序时 is never printed with "%": it is in 个百分点.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBulletinCards } from '../../cards/bulletin-cards';
import { renderCardText } from '../../cards/text-render';
import { bulletinText } from '../../src/bulletin/text';
import type { Bulletin, BulletinCountyRow, BulletinGroupRow, BulletinLaggingRow, BulletinProjectRow } from '../../src/domain/bulletin';
import { checkCardRules } from '../helpers/card-rules';
import { sampleBulletin } from '../fixtures/bulletin-sample';

const RUNS = { numRuns: 300 };

/** 万元 as composition gives it: whole 元 ÷ 10,000, so at most 4 decimals; up to 1亿亿元. */
const wan = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1e15 })).map((yuan) => yuan / 10_000);
const rate = fc.option(
  fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 100, max: 10_000, noNaN: true }), fc.constantFrom(0, 100, 99.95, 100.05)),
  { nil: null },
);
const gap = fc.option(fc.oneof(fc.double({ min: -100, max: 10_000, noNaN: true }), fc.constantFrom(0, -0.04, 0.04, -0.05, 0.05)), { nil: null });
const name = fc.constantFrom(
  '江北区',
  '江南区',
  '东阳县',
  '市直',
  '基础设施',
  '产业发展',
  '社会民生',
  '省重点',
  '市重点',
  '县重点',
  '青河县城区污水处理厂提标改造及配套管网建设工程',
);
const light = fc.constantFrom('red' as const, 'yellow' as const, 'green' as const);
const count = fc.integer({ min: 0, max: 5000 });

const groupRow = fc.record<BulletinGroupRow>({
  name,
  projects: count,
  annualPlanWan: wan,
  completedWan: wan,
  completionRate: rate,
  gapPoints: gap,
  monthNewWan: fc.oneof(
    wan,
    wan.map((x) => -x),
  ),
});
const countyRow = fc.tuple(groupRow, fc.integer({ min: 1, max: 30 })).map(([g, rank]): BulletinCountyRow => ({ ...g, rank }));
const code = fc.integer({ min: 1, max: 9999 }).map((n) => `LJ2026-${String(n).padStart(3, '0')}`);
const lagRow = fc.record<BulletinLaggingRow>({
  code,
  name,
  county: name,
  unit: name,
  leader: fc.option(fc.constantFrom('金俊杰', '邵志强'), { nil: null }),
  completionRate: rate,
  gapPoints: gap,
  light,
  reasons: fc.subarray(['投资滞后', '开工滞后'] as Array<'投资滞后' | '开工滞后'>, { minLength: 1 }),
  monthsLagging: fc.integer({ min: 1, max: 12 }),
});
const tableRow = fc.record<BulletinProjectRow>({
  code,
  name,
  county: name,
  category: name,
  level: fc.constantFrom('省重点', '市重点', '县重点'),
  nature: fc.constantFrom('新开工', '续建', '竣工'),
  unit: name,
  leader: fc.option(fc.constantFrom('金俊杰'), { nil: null }),
  totalInvestmentWan: wan,
  annualPlanWan: wan,
  completedWan: fc.option(wan, { nil: null }),
  estimated: fc.boolean(),
  completionRate: rate,
  gapPoints: gap,
  light: fc.option(light, { nil: null }),
  status: fc.option(fc.constantFrom('在建', '未开工', '停工', '竣工'), { nil: null }),
  progressText: fc.option(fc.constantFrom('主体结构施工', ''), { nil: null }),
});

const bulletin: fc.Arbitrary<Bulletin> = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
    timeProgress: fc.double({ min: 0, max: 100, noNaN: true }),
    annualPlanWan: wan,
    completedWan: wan,
    completionRate: rate,
    gapPoints: gap,
    levels: fc.array(groupRow, { maxLength: 4 }),
    categories: fc.array(groupRow, { maxLength: 6 }),
    counties: fc.array(countyRow, { maxLength: 20 }),
    lagging: fc.array(lagRow, { maxLength: 60 }),
    unreported: fc.array(fc.record({ unit: name, codes: fc.array(code, { minLength: 1, maxLength: 5 }) }), { maxLength: 10 }),
    corrections: fc.array(fc.record({ month: fc.constant('2026-01'), code, name, publishedWan: wan, nowWan: wan }), { maxLength: 5 }),
    closureRate: rate,
    table: fc.array(tableRow, { maxLength: 30 }),
    starts: fc.record({
      plannedStarts: count,
      started: count,
      early: count,
      onTime: count,
      late: count,
      plannedCompletions: count,
      completed: count,
      inProduction: count,
    }),
  })
  .map(({ month, closureRate, ...over }) => {
    const base = sampleBulletin();
    const m = Number(month.slice(5));
    return {
      ...base,
      ...over,
      month,
      asOf: new Date(Date.UTC(2026, m, 0)).toISOString().slice(0, 10),
      projects: over.table.length,
      plannedStarts: over.starts.plannedStarts,
      started: over.starts.started,
      problems: { ...base.problems, closureRate, overdue: over.lagging.length % 2 ? base.problems.overdue : [] },
    };
  });

/** A signed figure followed by "%": a gap (the only signed percentage-like figure) printed as a percentage. */
const GAP_AS_PERCENT = /(?:[+\-−]\d[\d,]*(?:\.\d+)?\s*%)|(?:序时进度\d[\d,]*(?:\.\d+)?\s*%\s*个百分点)|(?:个百分点\s*%)|(?:百分点%)/u;
/** "高于/低于序时进度X" is always followed by 个百分点. */
const gapPhrases = (text: string) => [...text.matchAll(/(?:高于|低于)序时进度([\d.,]+)(\S{0,4})/gu)];

describe('the bulletin rendered from any well-formed Bulletin', () => {
  it('the text and the cards never throw, every card keeps to the limits, and gaps are in 个百分点, never "%"', () => {
    fc.assert(
      fc.property(bulletin, fc.boolean(), (b, draft) => {
        const text = bulletinText(b);
        const cards = renderBulletinCards(b, { draft });
        expect(cards.length).toBeGreaterThan(0);
        for (const c of cards) expect(checkCardRules(c)).toEqual([]);
        for (const shown of [text, ...cards.map((c) => renderCardText(c))]) {
          expect(shown).not.toMatch(GAP_AS_PERCENT);
          for (const m of gapPhrases(shown)) expect(m[2], m[0]).toMatch(/^个百分点/u);
          expect(shown).not.toMatch(/NaN|undefined|Infinity|\[object/u);
        }
      }),
      RUNS,
    );
  });
});
