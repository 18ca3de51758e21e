// 综合评价排序 by hand: every part present for one county, one county missing parts (stated, not zero: the composite
// is over the weights present), and the ranking.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, evaluate, type EvaluationFacts, parseHalf, weightsSchema } from '../../src/domain/evaluation';
import { dueToStartBy } from '../../src/domain/lights';
import { halfMeant, parseEvaluationQuestion } from '../../src/domain/question-evaluation';

const full: EvaluationFacts = {
  name: '江北区',
  completion: { rate: 40, timeProgress: 50 }, // 得分率 80 → 30 × 0.8 = 24
  starts: { planned: 4, started: 3 }, // 75 → 15 × 0.75 = 11.25
  timeliness: { due: 20, onTime: 18 }, // 90 → 13.5
  problems: { raised: 5, closed: 4 }, // 80 → 8
  nodes: { due: 10, onTime: 7 }, // 70 → 7
  tour: { score: 85, max: 100 }, // 85 → 8.5
  batches: { rate: 60, target: 50 }, // 120 → capped 100 → 10
};
// 24 + 11.25 + 13.5 + 8 + 7 + 8.5 + 10 = 82.25 of 100
const partial: EvaluationFacts = {
  name: '青河县',
  completion: { rate: 55, timeProgress: 50 }, // 110 → capped 100 → 30
  starts: { planned: 0, started: 0 }, // no planned new starts: missing
  timeliness: { due: 10, onTime: 10 }, // 100 → 15
  problems: null, // missing
  nodes: null, // missing
  tour: null, // missing
  batches: { rate: 25, target: 50 }, // 50 → 5
};
// earned 30 + 15 + 5 = 50 over the weights present 30 + 15 + 10 = 55 → 50/55 × 100 = 90.909…

describe('综合评价', () => {
  it('scores every part with its raw figure and points; a missing part is stated and left out, not zero', () => {
    const rows = evaluate([full, partial], DEFAULT_WEIGHTS);
    expect(rows.map((r) => [r.name, r.score, r.rank])).toEqual([
      ['青河县', (50 / 55) * 100, 1],
      ['江北区', 82.25, 2],
    ]);
    const jb = rows.find((r) => r.name === '江北区')!;
    expect(jb.parts.map((p) => [p.name, p.raw, p.points, p.weight])).toEqual([
      ['投资完成率（与序时进度比）', 40, 24, 30],
      ['新开工项目开工率', 75, 11.25, 15],
      ['按时报送率', 90, 13.5, 15],
      ['问题办结率', 80, 8, 10],
      ['节点按期完成率', 70, 7, 10],
      ['观摩得分', 85, 8.5, 10],
      ['四个一批转化率（与目标比）', 60, 10, 10],
    ]);
    expect(jb.parts[0]!.note).toBe('完成率40.0%，序时进度50.0%，得分率80.0%（完成率÷序时进度，最高100%）');
    const qh = rows.find((r) => r.name === '青河县')!;
    expect(qh.parts.map((p) => [p.raw, p.points, p.note])).toEqual([
      [55, 30, '完成率55.0%，序时进度50.0%，得分率100.0%（完成率÷序时进度，最高100%）'],
      [null, null, '本期无计划开工的新开工项目（计划开工日期在期末之后的不计），本项不计'],
      [100, 15, '应报10次，按时报送10次'],
      [null, null, '本期未提出问题，本项不计'],
      [null, null, '本期无到期的计划节点（或未编制节点计划），本项不计'],
      [null, null, '本期未列入已发布的观摩（观摩评分排名经管理员审定发布后计入），本项不计'],
      [25, 5, '转化率25.0%，目标50.0%，得分率50.0%（转化率÷目标，最高100%）'],
    ]);
  });

  it('weights must add up to 100; halves are 2026-H1 and 2026-H2', () => {
    expect(weightsSchema.safeParse({ ...DEFAULT_WEIGHTS, tour: 20 }).success).toBe(false);
    expect(weightsSchema.safeParse({ ...DEFAULT_WEIGHTS, tour: 5, batches: 15 }).success).toBe(true);
    expect(parseHalf('2026-H2')).toEqual({ key: '2026-H2', year: 2026, half: 2, firstMonth: 7, lastMonth: 12 });
    expect(parseHalf('2026-H3')).toBeNull();
  });
});

describe('the half asked in chat', () => {
  const meant = (text: string, today: string) => halfMeant(parseEvaluationQuestion(text)!, today);
  it('a half named without a year is the latest such half that has ended', () => {
    expect(meant('下半年综合评价', '2027-01-15')).toBe('2026-H2');
    expect(meant('下半年综合评价', '2026-12-31')).toBe('2025-H2');
    expect(meant('上半年综合评价', '2027-03-10')).toBe('2026-H1');
    expect(meant('上半年综合评价', '2027-06-30')).toBe('2026-H1');
    expect(meant('上半年综合评价', '2027-07-01')).toBe('2027-H1');
  });
  it('a year named is taken as said; nothing named is the latest half that has ended', () => {
    expect(meant('2027年下半年综合评价', '2027-01-15')).toBe('2027-H2'); // refused later: not yet ended
    expect(meant('2026年上半年综合评价排序', '2027-01-15')).toBe('2026-H1');
    expect(meant('综合评价', '2027-01-15')).toBe('2026-H2');
    expect(meant('综合评价', '2027-08-01')).toBe('2027-H1');
  });
});

describe("计划开工 by a date (the start rate's denominator)", () => {
  it('a 新开工 project counts once its planned start month is on or before the month; without a date, at the year end', () => {
    const june = { year: 2026, month: 6 };
    expect(dueToStartBy({ nature: '新开工', plannedStart: { year: 2026, month: 3 } }, june)).toBe(true);
    expect(dueToStartBy({ nature: '新开工', plannedStart: { year: 2026, month: 6 } }, june)).toBe(true);
    expect(dueToStartBy({ nature: '新开工', plannedStart: { year: 2026, month: 8 } }, june)).toBe(false);
    expect(dueToStartBy({ nature: '续建', plannedStart: { year: 2026, month: 3 } }, june)).toBe(false);
    expect(dueToStartBy({ nature: '新开工', plannedStart: null }, june)).toBe(false);
    expect(dueToStartBy({ nature: '新开工', plannedStart: null }, { year: 2026, month: 12 })).toBe(true);
  });
});

describe('综合评价 card', () => {
  it('stays within Feishu card rules with a city of counties and 150 units', async () => {
    const { renderEvaluationCard } = await import('../../cards/answer/evaluation');
    const { checkCardRules } = await import('../helpers/card-rules');
    const rows = evaluate(
      [
        ...Array.from({ length: 12 }, (_, i) => ({ ...full, name: `县区${i + 1}` })),
        ...Array.from({ length: 150 }, (_, i) => ({ ...partial, name: `单位${i + 1}` })),
      ],
      DEFAULT_WEIGHTS,
    );
    const c = renderEvaluationCard({ year: 2026, half: 1, asOf: '2026-06-30', counties: rows.slice(0, 12), units: rows.slice(12) });
    expect(checkCardRules(c)).toEqual([]);
    const { checkCard } = await import('../../cards/limits');
    expect(checkCard(c).ok).toBe(true);
  });

  it("one county's card: score and rank of how many, every part's raw figure, basis, points and weight, missing parts stated", async () => {
    const { renderEvaluationDetailCard } = await import('../../cards/answer/evaluation');
    const { checkCardRules } = await import('../helpers/card-rules');
    const { checkCard } = await import('../../cards/limits');
    // Every text of the card, as cardText (test/helpers/round) reads it, without loading the round world.
    const cardText = (v: unknown): string =>
      Array.isArray(v)
        ? v.map(cardText).join('\n')
        : typeof v === 'object' && v !== null
          ? Object.entries(v)
              .map(([k, x]) => (k === 'content' && typeof x === 'string' ? x : cardText(x)))
              .join('\n')
          : '';
    const rows = evaluate([full, partial, { ...full, name: '西山县', completion: { rate: 10, timeProgress: 50 } }], DEFAULT_WEIGHTS);
    // 青河县 90.909… first, 江北区 82.25 second, 西山县 last.
    expect(rows.map((r) => r.name)).toEqual(['青河县', '江北区', '西山县']);
    const c = renderEvaluationDetailCard({ year: 2026, half: 1, asOf: '2026-06-30', kind: 'county', row: rows[0]!, of: 3, above: null, below: rows[1]! });
    expect(checkCardRules(c)).toEqual([]);
    expect(checkCard(c).ok).toBe(true);
    const t = cardText(c);
    expect(c.header.title.content).toBe('青河县2026年上半年综合评价');
    expect(t).toContain('综合得分90.91分，在3个县区中排第1名');
    expect(t).toContain('综合得分 = 各项得分之和50.00 ÷ 有数据各项权重之和55 × 100 = 90.91分（4项缺少数据，不计入）');
    expect(t).toContain('后一名：2. 江北区 82.25分');
    expect(t).toContain('原始数据：55.0%（完成率55.0%，序时进度50.0%，得分率100.0%（完成率÷序时进度，最高100%））');
    expect(t).toContain('得分：30.00分（权重30分）');
    expect(t).toContain('原始数据：缺项（本期无计划开工的新开工项目（计划开工日期在期末之后的不计），本项不计）');
    expect(t).toContain('得分：不计（权重15分不计入综合得分的分母，不按零分计）');
    expect(t).toContain('原始数据：缺项（本期未列入已发布的观摩（观摩评分排名经管理员审定发布后计入），本项不计）');
    const jb = renderEvaluationDetailCard({ year: 2026, half: 1, asOf: '2026-06-30', kind: 'county', row: rows[1]!, of: 3, above: rows[0]!, below: rows[2]! });
    expect(cardText(jb)).toContain('原始数据：85.00分（观摩平均得分85.00分（满分100分），得分率85.0%）');
    expect(cardText(jb)).toContain('原始数据：75.0%（计划开工日期在期末前的新开工项目4个，其中已开工3个）');
    expect(cardText(jb)).toContain('前一名：1. 青河县 90.91分\n后一名：3. 西山县');
  });
});
