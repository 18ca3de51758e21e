// The monthly bulletin as cards: every card passes the Card JSON 2.0 rules, long bulletins split over cards within
// the limits, the chart shows each county against 序时, and the figures read as the bulletin words them.
import { describe, expect, it } from 'vitest';
import { renderApprovalCard, type ApprovalVM } from '../../cards/bulletin/approval';
import { bulletinCardsText, renderBulletinCards } from '../../cards/bulletin/cards';
import { renderDigestCard, type DigestVM } from '../../cards/round/digest';
import { LAGGING_ROWS_SHOWN } from '../../cards/bulletin/sections';
import type { Card } from '../../cards/elements';
import { checkCard } from '../../cards/limits';
import { renderCardText } from '../../cards/text-render';
import type { Bulletin } from '../../src/domain/bulletin';
import { checkCardRules } from '../helpers/card-rules';
import { cardButtons, cardText, formFields } from '../helpers/round';
import { sampleBulletin, SAMPLE_COUNTIES, withManyLaggards } from '../fixtures/bulletin-sample';

type Obj = Record<string, unknown>;

function components(v: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(v)) for (const x of v) components(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.tag === 'string') out.push(o);
    for (const [k, child] of Object.entries(o)) if (k !== 'behaviors' && k !== 'chart_spec' && k !== 'rows') components(child, out);
  }
  return out;
}
const tablesOf = (c: Card) => components(c.body).filter((o) => o.tag === 'table');
const allText = (cards: Card[]) => cards.map(renderCardText).join('\n');

/** The lagging list's blocks out of the cards' text: each block's name line, its figures line and its reasons line. */
function laggingBlocks(text: string): string[][] {
  const lines = text.split('\n');
  const out: string[][] = [];
  lines.forEach((l, i) => {
    if (l.startsWith('滞后原因：')) out.push([lines[i - 3]!, lines[i - 1]!, l]);
  });
  return out;
}

/** The rule checker over each card, with the card's position in the message so a failure says which. */
function expectValid(cards: Card[]): void {
  expect(cards.map((c, i) => [i, checkCardRules(c)])).toEqual(cards.map((_, i) => [i, []]));
}

/** A province-sized bulletin: 15 counties, 300 lagging projects, 40 late units, 30 overdue problems, 12 corrections. */
function provinceBulletin(): Bulletin {
  const b = withManyLaggards(sampleBulletin(), 300);
  const counties = Array.from({ length: 15 }, (_, i) => ({ ...SAMPLE_COUNTIES[i % 4]!, name: `第${i + 1}县区`, rank: i + 1 }));
  const lateUnits = Array.from({ length: 40 }, (_, i) => ({ unit: `第${i + 1}责任单位`, late: i % 3, missed: 1 }));
  const overdue = Array.from({ length: 30 }, (_, i) => ({
    id: i,
    project: `第${i + 1}号项目`,
    category: '用地',
    description: '用地指标未落实'.repeat(3),
    leadUnit: '市自然资源和规划局',
    deadline: '2026-10-01',
  }));
  const corrections = Array.from({ length: 12 }, (_, i) => ({
    month: '2026-09',
    code: `C${i}`,
    name: `第${i + 1}号项目`,
    publishedWan: 1000 + i,
    nowWan: 1100.5 + i,
  }));
  return { ...b, counties, timeliness: { ...b.timeliness, lateUnits }, problems: { ...b.problems, overdue }, corrections };
}

describe('the bulletin cards', () => {
  it('pass the card rules, as published and as the draft shown to administrators', () => {
    for (const b of [sampleBulletin(), provinceBulletin()]) {
      expectValid(renderBulletinCards(b));
      expectValid(renderBulletinCards(b, { draft: true }));
    }
  });

  it('open with the headline paragraph in the bulletin’s words', () => {
    const [first] = renderBulletinCards(sampleBulletin());
    const text = cardText(first);
    // 243,100 of 300,000 万元: 24.31亿元, 81.03% → 81.0%, 81.03 − 83.33 = −2.3 points.
    expect(text).toContain('截至10月底，全市14个重点项目累计完成投资24.31亿元，占年度计划的81.0%，低于序时进度2.3个百分点。');
    expect(text).toContain('其中10月新增完成投资1.84亿元。');
    expect(text).toContain('序时进度83.33%');
    expect(text).toContain('2026年度计划（第2版，2026-06-30 调整）');
    expect(first!.header.title.content).toBe('2026年1–10月全市重点项目建设情况通报');
  });

  it('rank the counties with rates to one decimal and gaps in points, never “%”', () => {
    const cards = renderBulletinCards(sampleBulletin());
    const table = cards.flatMap(tablesOf).find((t) => (t.columns as Obj[]).some((c) => c.display_name === '排名 县区'))!;
    // Three narrow columns for a phone: the rank and county with its counts and amounts in grey under it, rate, gap.
    expect((table.columns as Obj[]).map((c) => c.display_name)).toEqual(['排名 县区', '完成率', '与序时差(百分点)']);
    expect(
      renderCardText({ body: { elements: [table] } })
        .split('\n')
        .slice(1),
    ).toEqual([
      '  1. 市直 2个项目，年度计划3.00亿元，累计完成2.79亿元，本月新增0.23亿元 | 93.0% | +9.7',
      '  2. 江北区 5个项目，年度计划12.00亿元，累计完成10.65亿元，本月新增0.82亿元 | 88.8% | +5.4',
      '  3. 江南区 4个项目，年度计划9.00亿元，累计完成7.12亿元，本月新增0.61亿元 | 79.1% | -4.2',
      '  4. 东阳县 3个项目，年度计划6.00亿元，累计完成3.75亿元，本月新增0.18亿元 | 62.5% | -20.8',
    ]);
  });

  it('list every lagging project with its light in words, and the other sections in order', () => {
    const cards = renderBulletinCards(sampleBulletin());
    const text = allText(cards);
    // One project a block (phone width): its name on its own line, then where, who, its figures and light, why.
    expect(laggingBlocks(text)).toEqual([
      ['1. 江南区全民健身中心', '完成率：0.0%　与序时差(个百分点)：-83.3 ［红灯］', '滞后原因：投资滞后、开工滞后；连续滞后：4个月'],
      ['2. 东阳县工业园标准厂房', '完成率：40.0%　与序时差(个百分点)：-43.3 ［红灯］', '滞后原因：投资滞后；连续滞后：3个月'],
      ['3. 东阳县污水处理厂提标改造', '完成率：62.5%　与序时差(个百分点)：-20.8 ［黄灯］', '滞后原因：投资滞后；连续滞后：2个月'],
      ['4. 江南区安置房二期', '完成率：78.0%　与序时差(个百分点)：-5.3 ［绿灯］', '滞后原因：投资滞后；连续滞后：1个月'],
    ]);
    expect(text).toContain('1. 江南区全民健身中心\n江南区 · 江南区文体旅游局 · 包联领导：金俊杰\n');
    const order = [
      '一、本期综述',
      '二、分级别、分类别完成情况',
      '三、分县区完成情况',
      '四、开工、竣工、投产情况',
      '五、未达序时进度项目清单',
      '六、问题协调情况',
      '七、报送情况',
      '上期数据更正',
      '八、下步工作要求',
      '附表：全市重点项目完成情况表',
    ];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('计划新开工3个，已开工2个，开工率66.7%');
    expect(text).toContain('办结率50.0%');
    expect(text).toContain('1. 江南区物流园\n2026年9月：原通报27,800.00万元，更正后28,150.50万元，增减+350.50万元');
    expect(text).toContain('1. 东阳县工业园标准厂房\n类别：用地 · 牵头单位：市自然资源和规划局 · 办理时限：2026-10-15\n问题：二期用地指标未落实，影响厂房开工');
    expect(text).toContain('东阳县农业农村局 | 1 | 2');
  });

  it('split over several cards when a card would pass a limit, each card within every limit', () => {
    const sample = renderBulletinCards(sampleBulletin());
    // levels, categories, counties, late units: four narrow tables; the lagging, overdue and corrections are lists.
    expect(sample.flatMap(tablesOf)).toHaveLength(4);
    const province = renderBulletinCards(provinceBulletin());
    expect(province.length).toBeGreaterThanOrEqual(2);
    for (const c of [...sample, ...province]) {
      expect(tablesOf(c).length).toBeLessThanOrEqual(5);
      expect(checkCard(c)).toMatchObject({ ok: true });
      expect(Buffer.byteLength(JSON.stringify(c), 'utf8')).toBeLessThanOrEqual(30 * 1024);
    }
    expect(province.map((c) => c.header.subtitle?.content)).toEqual(province.map((_, i) => `截至10月底 · 第${i + 1}/${province.length}张`));
  });

  it('carry the worst laggards of a long list and say where the rest are', () => {
    const cards = renderBulletinCards(provinceBulletin());
    const lagNames = laggingBlocks(allText(cards)).map((b) => b[0]);
    expect(lagNames).toEqual(Array.from({ length: LAGGING_ROWS_SHOWN }, (_, i) => `${i + 1}. 第${i + 1}号重点项目标准化厂房及配套基础设施建设工程`));
    expect(allText(cards)).toContain(`表中列出最落后的${LAGGING_ROWS_SHOWN}个，其余200个见附表。`);
    expect(allText(cards)).toContain('未达序时进度项目300个，其中红灯150个、黄灯150个。');
  });

  it('chart each county’s completion rate as a bar against the 序时 line', () => {
    const chart = renderBulletinCards(sampleBulletin())
      .flatMap((c) => components(c.body))
      .find((o) => o.tag === 'chart')!;
    const spec = chart.chart_spec as { type: string; data: Array<{ values: Obj[] }>; series: Array<{ type: string; dataIndex: number }> };
    expect(spec.type).toBe('common');
    const bars = spec.series.find((s) => s.type === 'bar')!;
    const line = spec.series.find((s) => s.type === 'line')!;
    expect(spec.data[bars.dataIndex]!.values.map((v) => [v.county, v.value])).toEqual([
      ['市直', 93],
      ['江北区', 88.8],
      ['江南区', 79.1],
      ['东阳县', 62.5],
    ]);
    expect(spec.data[line.dataIndex]!.values.map((v) => [v.county, v.value])).toEqual(SAMPLE_COUNTIES.map((c) => [c.name, 83.33]));
  });

  it('print as readable text for the terminal, the chart by its title', () => {
    const text = bulletinCardsText(sampleBulletin());
    expect(text).toContain('［图表：各县区年度投资完成率与序时进度］');
    expect(text).toContain('【2026年1–10月全市重点项目建设情况通报】');
    expect(text).not.toContain('<font');
  });

  it('mark the administrators’ preview as not yet published', () => {
    const [first] = renderBulletinCards(sampleBulletin(), { draft: true });
    expect(first!.header.text_tag_list?.map((t) => t.text.content)).toEqual(['待审定']);
    expect(cardText(first)).toContain('尚未发布');
  });
});

describe('the approval card', () => {
  const vm = (state: ApprovalVM['state'], groups = ['重点项目调度群', '市政府工作群']): ApprovalVM => ({
    bulletinId: 7,
    month: '2026-10',
    title: '2026年1–10月全市重点项目建设情况通报',
    headline: '截至10月底，全市14个重点项目……',
    composedAt: '2026年11月5日 09:00',
    cards: 2,
    projects: 14,
    groups,
    state,
  });

  it('offers 发布 (confirmed, naming the groups) and 退回 with a required reason', () => {
    const c = renderApprovalCard(vm({ kind: 'draft' }));
    expect(checkCardRules(c)).toEqual([]);
    expect(cardButtons(c).map((b) => [b.text, b.value, b.submit])).toEqual([
      ['发布', { kind: 'bulletin_publish', bulletinId: 7 }, false],
      ['退回', { kind: 'bulletin_return', bulletinId: 7 }, true],
    ]);
    expect(formFields(c).get('reason')).toMatchObject({ tag: 'input', required: true });
    expect(cardText(c)).toContain('发布后将发送到2个通报群：重点项目调度群、市政府工作群。');
  });

  it('warns when no group is set yet', () => {
    expect(cardText(renderApprovalCard(vm({ kind: 'draft' }, [])))).toContain('尚未设置通报群');
  });

  it('says who decided and when, without buttons, once decided', () => {
    const published = renderApprovalCard(
      vm({ kind: 'published', by: '金俊杰', at: '2026年11月5日 10:12', note: '发送到2个通报群：重点项目调度群、市政府工作群。' }),
    );
    const returned = renderApprovalCard(vm({ kind: 'returned', by: '金俊杰', at: '2026年11月5日 10:12', reason: '东阳县数据待核实' }));
    const superseded = renderApprovalCard(vm({ kind: 'superseded' }));
    for (const c of [published, returned, superseded]) {
      expect(checkCardRules(c)).toEqual([]);
      expect(cardButtons(c)).toEqual([]);
    }
    expect(cardText(published)).toContain('✅ 已由金俊杰于2026年11月5日 10:12发布。发送到2个通报群：重点项目调度群、市政府工作群。');
    expect(cardText(returned)).toContain('退回原因：东阳县数据待核实');
    expect(cardText(returned)).toContain('diaodu bulletin --month 2026-10 --post');
    expect(cardText(superseded)).toContain('新稿');
  });
});

describe('the weekly digest card', () => {
  const base: DigestVM = {
    weekLabel: '第48周（11月23日—11月29日）',
    reported: 60,
    total: 64,
    rateText: '93.8%',
    invested: '1.25亿元',
    firstReports: 2,
    laggards: {
      byReport: [{ name: '东阳县工业园标准厂房', county: '东阳县', light: 'red' }],
      byMeasure: [],
      measure: { from: { text: '83.33%', asOf: '截至10月底' }, to: { text: '83.33%', asOf: '截至10月底' }, own: 0, lateStart: 0 },
    },
    newProblems: {
      count: 3,
      byCategory: [
        ['用地', 2],
        ['资金', 1],
      ],
    },
    asOfText: '截至10月底',
    timeProgressText: '83.33%',
  };

  it('says n of m reported, the new investment, new laggards and new problems', () => {
    const c = renderDigestCard(base);
    expect(checkCardRules(c)).toEqual([]);
    const text = renderCardText(c);
    expect(text).toContain('应报64个项目，已报60个，报送率93.8%');
    expect(text).toContain('本周新增完成投资：1.25亿元');
    expect(text).toContain('据本周填报转为未达序时进度：1个');
    expect(text).not.toContain('因序时进度调整');
    expect(text).toContain('东阳县工业园标准厂房（东阳县）［红灯］');
    expect(text).toContain('新增问题：3个（用地2个、资金1个）');
  });

  it('stays within the rules with many laggards and says when there is nothing to compare', () => {
    const many = renderDigestCard({
      ...base,
      laggards: { ...base.laggards!, byReport: Array.from({ length: 80 }, (_, i) => ({ name: `项目${i}`, county: '江北区', light: 'yellow' as const })) },
    });
    expect(checkCardRules(many)).toEqual([]);
    expect(renderCardText(many)).toContain('仅列出10个，共80个');
    expect(renderCardText(renderDigestCard({ ...base, laggards: null, invested: null }))).toContain('首轮调度');
  });

  it('tells projects behind because 序时 moved on from those behind because of this week’s report, and lights alike', () => {
    const c = renderDigestCard({
      ...base,
      reported: 0,
      invested: null,
      laggards: {
        byReport: [],
        byMeasure: [
          { name: '甲项目', county: '江北区', light: 'green' },
          { name: '乙项目', county: '东阳县', light: 'yellow' },
        ],
        measure: { from: { text: '75%', asOf: '截至9月底' }, to: { text: '83.33%', asOf: '截至10月底' }, own: 1, lateStart: 0 },
      },
      lights: {
        byReport: [{ name: '丙项目', from: 'yellow', to: 'red' }],
        byMeasure: [
          { name: '丁项目', from: 'yellow', to: 'red' },
          { name: '戊项目', from: 'yellow', to: 'red' },
          { name: '己项目', from: 'green', to: 'yellow' },
        ],
      },
    });
    expect(checkCardRules(c)).toEqual([]);
    const text = renderCardText(c);
    expect(text).toContain('据本周填报转为未达序时进度：无（本周暂无项目填报）。');
    expect(text).toContain(
      '因序时进度调整转为未达序时进度：2个。序时进度由75%（截至9月底）调至83.33%（截至10月底），以下项目按最近一次填报未达新的序时进度（其中1个按项目月度计划计算序时）：',
    );
    expect(text).toContain('甲项目（江北区）［绿灯］');
    expect(text).not.toContain('新增未达序时进度');
    expect(text).toContain('预警灯加重：据本周填报1个（丙项目黄灯转红灯）；因序时进度调整3个（绿灯转黄灯1个、黄灯转红灯2个）。');
  });
});
