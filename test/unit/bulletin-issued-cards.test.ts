// A bulletin with 期号 (snapshot version 2) as cards: every card carries the title, 期号 and 发文单位, the last one
// the 落款; a long bulletin's continuation lines are plain text without markdown — in the cards of a version-1
// snapshot too; estimates read 估 with week and day; red and yellow are 进度滞后 and green never is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { renderCardText } from '../../cards/text-render';
import type { Bulletin } from '../../src/domain/bulletin';
import { parseSnapshot } from '../../src/domain/bulletin-snapshot';
import { checkCardRules } from '../helpers/card-rules';
import { sampleBulletin, withManyLaggards } from '../fixtures/bulletin-sample';

const ISSUE = { office: '市重点项目建设工作领导小组办公室', title: '全市重点项目建设情况通报', year: 2026, number: 10, date: '2026-11-08' };

function issued(b: Bulletin): Bulletin {
  return {
    ...b,
    issue: ISSUE,
    change: { previousMonth: '2026-09', completionRate: 70.25, gapPoints: -4.75, newLaggards: [{ code: 'SX2026-0001', name: '第1号重点项目', light: 'red' }] },
    estimated: [b.table[0]!.code],
    table: b.table.map((r, i) => (i === 0 ? { ...r, estimated: true, estimatedFrom: { week: '2026-W44', date: '2026-10-28' } } : r)),
  };
}

/** Every plain_text element of a card, wherever it sits. */
function plainTexts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) plainTexts(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.tag === 'plain_text' && typeof o.content === 'string') out.push(o.content);
    for (const child of Object.values(o)) plainTexts(child, out);
  }
  return out;
}

describe('an issued bulletin as cards', () => {
  const long = issued(withManyLaggards(sampleBulletin(), 300));
  const cards = renderBulletinCards(long);

  it('spreads a long bulletin over several cards within the rules, and no plain_text ever carries markdown', () => {
    expect(cards.length).toBeGreaterThan(1);
    for (const [i, c] of cards.entries()) expect(checkCardRules(c), `card ${i + 1}`).toEqual([]);
    const texts = cards.flatMap((c) => plainTexts(c));
    expect(texts.some((t) => t.includes('五、未达序时进度项目清单（续）'))).toBe(true);
    expect(texts.filter((t) => t.includes('**'))).toEqual([]);
    // The draft preview too.
    expect(
      renderBulletinCards(long, { draft: true })
        .flatMap((c) => plainTexts(c))
        .filter((t) => t.includes('**')),
    ).toEqual([]);
  });

  it('keeps markdown out of plain_text in the cards of a version-1 snapshot (before 期号) too, draft and published', () => {
    const golden = (name: string) => parseSnapshot(readFileSync(join(import.meta.dirname, `../fixtures/golden/${name}-v1.snapshot.json`), 'utf8'));
    const v1 = [golden('october'), golden('long'), withManyLaggards(sampleBulletin(), 300)];
    for (const b of v1) expect(b.issue).toBeUndefined();
    for (const [i, b] of v1.entries()) {
      for (const draft of [false, true]) {
        const texts = renderBulletinCards(b, { draft }).flatMap((c) => plainTexts(c));
        expect(
          texts.filter((t) => t.includes('**')),
          `v1 bulletin ${i + 1}${draft ? ' (draft)' : ''}`,
        ).toEqual([]);
      }
    }
    // The long ones run over several cards: their continuation lines are there, without markdown.
    const continued = renderBulletinCards(v1[1]!).flatMap((c) => plainTexts(c));
    expect(continued.filter((t) => t.endsWith('（续）'))).toEqual(['五、未达序时进度项目清单（续）', '五、未达序时进度项目清单（续）']);
  });

  it('heads every card with the title, 期号 and 发文单位, and signs the last with the office and the date', () => {
    for (const [i, c] of cards.entries()) {
      expect(c.header.title).toEqual({ tag: 'plain_text', content: '2026年1–10月全市重点项目建设情况通报' });
      expect(c.header.subtitle?.content).toBe(`2026年第10期 · 市重点项目建设工作领导小组办公室 · 截至10月底 · 第${i + 1}/${cards.length}张`);
    }
    expect(plainTexts(cards.at(-1))).toContain('市重点项目建设工作领导小组办公室\n2026年11月8日');
  });

  it('states the plan before the completion, the 环比, the laggards in the register’s words and the estimates marked 估', () => {
    const text = cards.map(renderCardText).join('\n');
    expect(text).toContain('全市重点项目14个，年度计划投资30.00亿元；1–10月完成投资24.31亿元，完成年度计划的81.0%，低于序时进度2.3个百分点。');
    expect(text).toContain('环比：年度计划完成率由9月底的70.3%变为10月底的81.0%，提高10.8个百分点');
    expect(text).toContain('本月新增进度滞后项目1个（红灯1个、黄灯0个）：第1号重点项目。');
    expect(text).toContain(
      '第1号重点项目标准化厂房及配套基础设施建设工程、第2号重点项目标准化厂房及配套基础设施建设工程、第3号重点项目标准化厂房及配套基础设施建设工程等300个项目进度滞后',
    );
    const first = long.table[0]!;
    expect(text).toContain(`${first.name}（${first.unit}，估（第44周 10月28日填报））`);
    expect(text).not.toContain('推算');
  });

  it('never calls a green project 滞后', () => {
    const green = issued({ ...sampleBulletin() });
    const text = renderBulletinCards(green).map(renderCardText).join('\n');
    const greens = green.lagging.filter((l) => l.light === 'green');
    expect(greens.length).toBeGreaterThan(0);
    for (const g of greens) {
      const line = text.split('\n').find((l) => l.includes(g.name)) ?? '';
      expect(line).not.toContain('滞后');
    }
  });

  it('says the pace, the long stoppages and the overdue nodes in words when the bulletin carries them, within the rules', () => {
    const b = issued(sampleBulletin());
    // By hand at 10月底: plan 110,000万元, 57,800 done, all of it in the last three months: (110,000 − 57,800) ÷ 2 =
    // 26,100万元 a month; 57,800 × 5/3 = 96,333.33…万元 at year end, 87.575…% of the plan (87.6% once printed).
    const forecast = (57_800 * 5) / 3;
    const overdueNodes = Array.from({ length: 40 }, (_, i) => ({
      code: `SX-${i}`,
      name: `第${i + 1}号项目`,
      node: '主体封顶',
      plannedDate: '2026-09-30',
      daysOverdue: 31 - (i % 5),
    }));
    const withPace: Bulletin = {
      ...b,
      requiredMonthlyWan: 26_100,
      forecastYearEndWan: forecast,
      forecastCompletionRate: (forecast / 110_000) * 100,
      overdueNodes,
      stopped: [
        { code: 'SX-1', name: '第2号项目', status: '停工', since: '2026-10-05', sinceSource: 'entered' as const, weeks: 3 },
        { code: 'SX-2', name: '第3号项目', status: '半停工', since: '2026-10-26', weeks: 0 },
      ],
      counties: b.counties.map((c, i) => (i === 0 ? { ...c, requiredMonthlyWan: 0, forecastYearEndWan: 12_345.5, forecastCompletionRate: 123.455 } : c)),
    };
    const cards = renderBulletinCards(withPace);
    for (const [i, c] of cards.entries()) expect(checkCardRules(c), `card ${i + 1}`).toEqual([]);
    const text = cards.map(renderCardText).join('\n');
    expect(text).toContain('要完成全年目标，每月还需完成2.61亿元；按近三个月进度，预计全年完成9.63亿元，占年度计划的87.6%。');
    expect(text).toContain(`${b.counties[0]!.name}：已完成全年目标；按近三个月进度，预计全年完成1.23亿元，占年度计划的123.5%。`);
    expect(text).toContain('停工、半停工持续时间：第2号项目停工3周（自10月5日起，填报）、第3号项目半停工不足1周（自第44周起，据填报推算）。');
    expect(text).toContain('逾期未完成节点40个：第1号项目「主体封顶」节点逾期31天（计划9月30日）、第2号项目「主体封顶」节点逾期30天（计划9月30日）');
    expect(text).toContain('第30号项目「主体封顶」节点逾期27天（计划9月30日）等40个。');
    // Without the fields (a bulletin composed before them) none of it appears.
    const plain = renderBulletinCards(b).map(renderCardText).join('\n');
    expect(plain).not.toMatch(/每月还需完成|逾期未完成节点|持续时间/);
  });
});
