// The answer cards: every kind passes the Card JSON 2.0 rules and Feishu's limits, and reads as text in the terminal.
import { describe, expect, it } from 'vitest';
import { renderHelpCard } from '../../cards/answer/help';
import { renderListCard } from '../../cards/answer/list';
import { renderNotFoundCard, renderPickCard } from '../../cards/answer/pick';
import { type ProjectStatusVM, renderProjectStatusCard } from '../../cards/answer/project';
import { renderSummaryCard } from '../../cards/answer/summary';
import { checkCard } from '../../cards/limits';
import { PHONE_MAX_COLUMNS } from '../../cards/answer/rows';
import { renderCardText } from '../../cards/text-render';
import { lightSettingsOf, timeProgress, type Cutoff } from '../../src/domain/progress';
import { settingDefinitions } from '../../src/domain/settings';
import { groupFigures, standingOf } from '../../src/domain/standing';
import { checkCardRules } from '../helpers/card-rules';

const asOf: Cutoff = { year: 2026, month: 10, half: 'full' };
const tp = timeProgress(asOf, { rule: 'months' });
const lights = lightSettingsOf({
  'lights.rule': settingDefinitions['lights.rule'].default,
  'lights.points': settingDefinitions['lights.points'].default,
  'lights.ratio': settingDefinitions['lights.ratio'].default,
  'lights.ratioBelow': settingDefinitions['lights.ratioBelow'].default,
  'lights.lateStartRedMonths': settingDefinitions['lights.lateStartRedMonths'].default,
});
const measure = { asOf, timeProgress: tp, lights };
const plan = { annualPlanYuan: 484_400_000, nature: '竣工', plannedStart: null };

function statusVM(o: Partial<ProjectStatusVM> = {}): ProjectStatusVM {
  const latest = { ytdYuan: 380_000_000, status: 'building' };
  return {
    code: 'LJ2026-014',
    name: '青河县城区污水处理厂及配套管网工程',
    countyName: '青河县',
    categoryName: '基础设施',
    level: '省重点',
    nature: '竣工',
    unitName: '市水利局',
    leaderName: '金俊杰',
    annualPlanYuan: 484_400_000,
    totalInvestmentYuan: 1_528_000_000,
    priorCompletedYuan: 385_200_000,
    timeProgress: tp,
    timeProgressText: '83.33%',
    asOfText: '截至10月底',
    latest: {
      weekLabel: '第48周（11月23日—11月29日）',
      thisWeek: true,
      unit: '市水利局',
      revision: 3,
      by: '郝立新',
      atText: '11月25日（周三）10:00',
      late: false,
      noChange: false,
      ytdYuan: 380_000_000,
      status: '在建',
      progressText: '主体结构施工至**11层**<font color="red">',
      problemCats: ['用地'],
      problemText: '征地拆迁尚有3户未签约',
      coordination: '请协调用地报批',
    },
    standing: standingOf(plan, latest, measure),
    problems: [{ category: '用地', description: '林地报批', status: '已交办', deadline: '2026-12-10', overdue: true }],
    trend: [
      { weekLabel: '第45周（11月2日—11月8日）', ytdYuan: 300_000_000, deltaYuan: null, rate: '61.9%', status: '在建' },
      { weekLabel: '第46周（11月9日—11月15日）', ytdYuan: null, deltaYuan: null, rate: null, status: null },
    ],
    askedAtText: '11月27日（周五）10:00',
    currentWeek: { short: '第48周', state: 'open' },
    ...o,
  };
}

/** The tables of a card, wherever they are. */
const tablesOf = (v: unknown): Array<{ columns: unknown[] }> =>
  Array.isArray(v)
    ? v.flatMap(tablesOf)
    : v && typeof v === 'object'
      ? [...((v as { tag?: unknown }).tag === 'table' ? [v as { columns: unknown[] }] : []), ...Object.values(v).flatMap(tablesOf)]
      : [];

/** Within Feishu's rules and limits, and readable on a phone (360 px): no table of more than three columns. */
const clean = (card: unknown) => {
  expect(checkCardRules(card)).toEqual([]);
  expect(checkCard(card).ok).toBe(true);
  for (const t of tablesOf(card)) expect(t.columns.length).toBeLessThanOrEqual(PHONE_MAX_COLUMNS);
};

describe('answer cards', () => {
  it('the status card gives every figure with its week or date, and shows typed text as text', () => {
    const card = renderProjectStatusCard(statusVM());
    clean(card);
    const t = renderCardText(card);
    for (const want of [
      '【青河县城区污水处理厂及配套管网工程】［绿灯］',
      '最新填报：第48周（11月23日—11月29日），市水利局 郝立新于11月25日（周三）10:00第2次修改',
      '年度计划投资：48,440.00万元',
      '年度累计完成投资：38,000.00万元（第48周 市水利局 郝立新 第2次修改）',
      '年度投资完成率：78.4%（按第48周填报计算）',
      '序时进度：83.33%（截至10月底）',
      '与序时进度比较：低于序时进度4.9个百分点',
      '预警：［绿灯］（未达序时进度）',
      '形象进度（第48周填报）：主体结构施工至**11层**<font color="red">',
      '【用地】林地报批（已交办，办理期限2026-12-10，已逾期）',
      '第48周填报存在问题（用地）：征地拆迁尚有3户未签约',
      '责任单位：市水利局　包联领导：金俊杰　所属县区：青河县',
      '第46周 | 未报送',
    ])
      expect(t).toContain(want);
  });

  it('a figure carried from an earlier week says so, and a first report says 首次填报', () => {
    const base = statusVM();
    const carried = { ...base.latest!, weekLabel: '第45周（11月2日—11月8日）', thisWeek: false, revision: 1 };
    const t = renderCardText(renderProjectStatusCard(statusVM({ latest: carried, currentWeek: { short: '第48周', state: 'closed' } })));
    expect(t).toContain('最新填报：第45周（11月2日—11月8日），市水利局 郝立新于11月25日（周三）10:00首次填报；本周（第48周）未填报，沿用第45周填报');
    expect(t).toContain('年度累计完成投资：38,000.00万元（本周未填报，沿用第45周填报）');
    expect(t).toContain('年度投资完成率：78.4%（按第45周填报计算）');
    const open = renderCardText(renderProjectStatusCard(statusVM({ latest: carried, currentWeek: { short: '第48周', state: 'open' } })));
    expect(open).toContain('本周（第48周）尚未填报，沿用第45周填报');
    const thisWeek = renderCardText(renderProjectStatusCard(statusVM({ latest: { ...base.latest!, revision: 1, by: null } })));
    expect(thisWeek).toContain('年度累计完成投资：38,000.00万元（第48周 市水利局 首次填报）');
  });

  it('a project without any report says 暂无填报 and guesses nothing', () => {
    const card = renderProjectStatusCard(statusVM({ latest: null, standing: { reported: false }, problems: [], trend: [] }));
    clean(card);
    const t = renderCardText(card);
    expect(t).toContain('最新填报：暂无填报');
    expect(t).toContain('年度投资完成率：暂无填报');
    expect(t).not.toMatch(/绿灯|红灯|黄灯/);
  });

  it('the summary card states counts, completion and the gap in 个百分点', () => {
    const items = [
      { plan, ytdYuan: 380_000_000, standing: standingOf(plan, { ytdYuan: 380_000_000, status: 'building' }, measure) },
      { plan, ytdYuan: null, standing: { reported: false as const } },
    ];
    const card = renderSummaryCard({
      label: '青河县',
      weekLabel: '第48周（11月23日—11月29日）',
      asOfText: '截至10月底',
      timeProgressText: '83.33%',
      basis: '按整月计算',
      figures: groupFigures(items, measure),
      rows: [{ name: '甲', standing: items[0]!.standing, weekText: '第48周' }],
      showAll: true,
      askedAtText: '11月27日',
      dayText: '11月27日',
      freshness: { week: { short: '第48周', state: 'open' }, thisWeek: 1, carried: 0, none: 1, carriedFrom: null, carriedTo: null },
      counties: [
        { name: '青河县', count: 2, reported: 1, completedYuan: 380_000_000, rate: items[0]!.standing.reported ? items[0]!.standing.rate : null, gap: null },
      ],
    });
    clean(card);
    expect(tablesOf(card)).toHaveLength(1);
    expect(renderCardText(card)).toContain('青河县 2个项目，有填报1个，完成3.80亿元 | 78.4% | —');
    const t = renderCardText(card);
    expect(t).toContain(
      '青河县重点项目共2个，年度计划投资9.69亿元。本周（第48周）已填报1个。累计完成投资3.80亿元，占年度计划的39.2%，低于序时进度44.1个百分点（序时进度83.33%，截至10月底）。另有1个项目暂无填报',
    );
    expect(t).toContain('数据截至11月27日（第48周） · 序时进度截至10月底');
    expect(t).toContain('预警：红灯0个、黄灯0个、绿灯1个');
  });

  it('a long list is cut to fit under 30 KB and says so', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      name: `第${i}个很长很长的项目名称用来测试卡片大小限制是否生效`,
      unit: '市住房城乡建设局',
      text: '需协调事项'.repeat(10),
    }));
    const card = renderListCard({
      title: '全市待协调问题',
      subtitle: 's',
      summary: 's',
      lines: ['共300个。'],
      footer: 'f',
      sections: [
        {
          head: '**x**',
          columns: [
            { name: 'name', title: '项目名称' },
            { name: 'unit', title: '责任单位' },
            { name: 'text', title: '事项' },
          ],
          rows,
          empty: '无',
        },
      ],
    });
    clean(card);
    expect(renderCardText(card)).toMatch(/共300条，仅列出前\d+条。/);
  });

  it('pick and not-found cards carry ask_project buttons with a nonce; help passes too', () => {
    const options = Array.from({ length: 12 }, (_, i) => ({ projectId: i + 1, code: `LJ2026-${i}`, name: `项目${i}` }));
    const pick = renderPickCard({ query: '安置房', total: 12, options, nonce: 'n1' });
    clean(pick);
    const buttons = JSON.stringify(pick).match(/"kind":"ask_project","projectId":\d+,"nonce":"n1"/g) ?? [];
    expect(buttons).toHaveLength(10);
    expect(renderCardText(pick)).toContain('共12个项目符合，以下列出前10个');
    const none = renderNotFoundCard({ query: '江被区', projects: options.slice(0, 2), others: [{ name: '江北区', what: '县区' }], nonce: 'n2' });
    clean(none);
    expect(renderCardText(none)).toContain('江北区（县区，可发送“江北区进度”）');
    clean(renderHelpCard({ notUnderstood: '今天天气怎么样' }));
  });
});
