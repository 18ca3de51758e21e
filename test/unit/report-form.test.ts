// The weekly report form as a reporter fills it: what is accepted, what is refused, and the words of each refusal.
import { describe, expect, it } from 'vitest';
import { PROBLEM_CATEGORIES } from '../../src/domain/problem-categories';
import { isVagueProgress, parseReportForm, type FieldName, type ReportFormContext, type ReportValues } from '../../src/domain/report-form';

const WAN = 10_000;
const ctx = (o: Partial<ReportFormContext> = {}): ReportFormContext => ({
  lastYtdYuan: 1_000 * WAN,
  totalInvestmentYuan: 50_000 * WAN,
  priorCompletedYuan: 20_000 * WAN,
  annualPlanYuan: 12_000 * WAN,
  askMonthEnd: null,
  ...o,
});
const form = (o: Record<string, unknown> = {}): Record<string, unknown> => ({
  ytd_investment: '1234.5',
  progress_text: '主体结构施工至12层',
  status: 'building',
  ...o,
});

describe('isVagueProgress', () => {
  it.each<[string, boolean]>([
    ['基本完成', true],
    ['部分完成。', true],
    ['项目正在施工', true],
    ['有序推进中', true],
    ['稳步推进', true],
    ['按计划推进', true],
    ['主体基本完成', true],
    ['2号楼基本完成', true], // a building number is not a quantity
    ['无', true],
    ['同上周', true],
    ['主体结构施工至12层', false],
    ['完成桩基85%', false],
    ['有序推进，主体结构施工至十二层', false],
    ['主体已封顶', false],
    ['前期手续办理中，已取得立项批复', false],
    ['完成管网铺设3.5公里，基本完成路基', false],
    ['项目已全部完成，已投产', false], // a finished project has no quantity left to give
  ])('%j → %s', (text, vague) => {
    expect(isVagueProgress(text)).toBe(vague);
  });
});

type Case = [string, Record<string, unknown>, Partial<ReportFormContext>, Partial<Record<FieldName, string>>];

describe('parseReportForm refuses, naming the field as the reporter sees it', () => {
  it.each<Case>([
    ['a missing cumulative figure', form({ ytd_investment: undefined }), {}, { ytd_investment: '请填写年度累计完成投资（万元）' }],
    ['a blank cumulative figure', form({ ytd_investment: '   ' }), {}, { ytd_investment: '请填写年度累计完成投资（万元）' }],
    ['text for the cumulative figure', form({ ytd_investment: '约一千万' }), {}, { ytd_investment: '年度累计完成投资：只能填写数字（单位：万元），如 1234.5' }],
    ['a negative cumulative figure', form({ ytd_investment: '-20' }), {}, { ytd_investment: '年度累计完成投资：金额不能为负数' }],
    ['a figure in 亿元', form({ ytd_investment: '1.2亿' }), {}, { ytd_investment: '年度累计完成投资：请按万元填写（1亿元 = 10000万元）' }],
    ['an object instead of text', form({ ytd_investment: { v: 1 } }), {}, { ytd_investment: '年度累计完成投资的内容无法识别，请填写数字（单位：万元）' }],
    [
      'a figure that, with earlier years, exceeds the total investment',
      form({ ytd_investment: '30001' }),
      {},
      { ytd_investment: '年度累计完成投资30,001.00万元加上截至上年底累计完成投资20,000.00万元，共50,001.00万元，超过项目总投资50,000.00万元，请核对' },
    ],
    [
      'a figure above the total investment on its own (typed in 元)',
      form({ ytd_investment: '12345678' }),
      {},
      { ytd_investment: '年度累计完成投资12,345,678.00万元超过项目总投资50,000.00万元，请核对（单位为万元）' },
    ],
    [
      // Issue 17 row 6: a total of 0 used to let any figure through; a reporter saved 900,000,000,000 万元.
      'any figure when the registered total investment is 0',
      form({ ytd_investment: '900000000000' }),
      { totalInvestmentYuan: 0, priorCompletedYuan: 0 },
      { ytd_investment: '项目库中本项目的总投资为0，填报的完成投资无从核对，暂不能保存。请联系重点项目办在项目库中补正总投资后再填报' },
    ],
    [
      'last year’s December figure above the total investment (asked in January)',
      form({ month_end_investment: '900000000000' }),
      { askMonthEnd: '2026-12', planYear: 2027 },
      { month_end_investment: '截至2026年12月底累计完成投资900,000,000,000.00万元超过项目总投资50,000.00万元，请核对（单位为万元）' },
    ],
    [
      'a decrease without a reason',
      form({ ytd_investment: '900' }),
      {},
      { correction_reason: '年度累计完成投资900.00万元低于上周填报的1,000.00万元。累计数一般不减少，如属统计核减，请填写核减原因' },
    ],
    [
      'a decrease with "无" as the reason',
      form({ ytd_investment: '900', correction_reason: '无' }),
      {},
      { correction_reason: '年度累计完成投资900.00万元低于上周填报的1,000.00万元。累计数一般不减少，如属统计核减，请填写核减原因' },
    ],
    ['a missing month-end figure when asked', form(), { askMonthEnd: '2026-10' }, { month_end_investment: '请填写截至2026年10月底累计完成投资（万元）' }],
    [
      'a month-end figure that is text',
      form({ month_end_investment: '同上' }),
      { askMonthEnd: '2026-10' },
      { month_end_investment: '截至2026年10月底累计完成投资：只能填写数字（单位：万元），如 1234.5' },
    ],
    [
      'a month-end figure above the current cumulative one',
      form({ month_end_investment: '1300' }),
      { askMonthEnd: '2026-10' },
      { month_end_investment: '截至2026年10月底累计完成投资1,300.00万元高于本周年度累计完成投资1,234.50万元，月底数不应大于当前累计数，请核对' },
    ],
    [
      'an empty 形象进度',
      form({ progress_text: '' }),
      {},
      { progress_text: '请填写形象进度。请写明形象进度的具体工程量，如“主体结构施工至12层”“完成桩基85%”' },
    ],
    [
      'a vague 形象进度',
      form({ progress_text: '基本完成' }),
      {},
      { progress_text: '形象进度过于笼统。请写明形象进度的具体工程量，如“主体结构施工至12层”“完成桩基85%”' },
    ],
    [
      'a 形象进度 of only 有序推进',
      form({ progress_text: '项目有序推进中。' }),
      {},
      { progress_text: '形象进度过于笼统。请写明形象进度的具体工程量，如“主体结构施工至12层”“完成桩基85%”' },
    ],
    ['an overlong 形象进度', form({ progress_text: `主体结构施工至12层${'。'.repeat(1000)}` }), {}, { progress_text: '形象进度不能超过1000字' }],
    ['no status', form({ status: undefined }), {}, { status: '请选择项目状态' }],
    ['an unknown status', form({ status: 'paused' }), {}, { status: '项目状态不是可选项，请重新选择' }],
    ['a problem category without a description', form({ problem_category: ['land'] }), {}, { problem_text: '已选择存在问题类别，请填写存在问题的具体情况' }],
    [
      'a problem category described as "无"',
      form({ problem_category: ['land'], problem_text: '无' }),
      {},
      { problem_text: '已选择存在问题类别，请填写存在问题的具体情况' },
    ],
    [
      'a problem description without a category',
      form({ problem_text: '征地拆迁尚有3户未签约' }),
      {},
      { problem_category: '已填写存在问题，请选择存在问题类别' },
    ],
    [
      'an unknown problem category',
      form({ problem_category: ['land', 'luck'], problem_text: '征地' }),
      {},
      { problem_category: '存在问题类别含有无法识别的选项，请重新选择' },
    ],
    ['an overlong request for coordination', form({ coordination: '协'.repeat(1001) }), {}, { coordination: '需协调事项不能超过1000字' }],
  ])('%s', (_, fv, c, errors) => {
    expect(parseReportForm(fv, ctx(c))).toEqual({ ok: false, errors });
  });

  it('a late report of an earlier week above the next week already reported: the series would fall there, a reason is asked', () => {
    const later = { ytdYuan: 1_100 * WAN, weekLabel: '第48周（11月23日—11月29日）' };
    expect(parseReportForm(form({ ytd_investment: '9500' }), ctx({ laterReport: later }))).toEqual({
      ok: false,
      errors: {
        correction_reason:
          '年度累计完成投资9,500.00万元高于其后第48周（11月23日—11月29日）已填报的1,100.00万元，补报后累计数将在第48周（11月23日—11月29日）出现下降。如属统计核减，请填写核减原因；否则请先更正第48周（11月23日—11月29日）的填报',
      },
    });
    const withReason = parseReportForm(form({ ytd_investment: '9500', correction_reason: '第48周漏计' }), ctx({ laterReport: later }));
    expect(withReason).toMatchObject({ ok: true, value: { ytdYuan: 9_500 * WAN, correctionReason: '第48周漏计' } });
    expect(parseReportForm(form({ ytd_investment: '1050' }), ctx({ laterReport: later }))).toMatchObject({ ok: true, value: { correctionReason: null } });
  });

  it('refuses a 停工日期 in the future, before the plan year, or not a date', () => {
    const c = ctx({ today: '2026-10-09', planYear: 2026 });
    const why = (v: string) => {
      const r = parseReportForm(form({ status: 'stopped', stopped_since: v }), c);
      return r.ok ? null : r.errors.stopped_since;
    };
    expect(why('2026-10-10 +0800')).toBe('停工日期不能晚于今天（2026-10-09）');
    expect(why('2025-12-31')).toBe('停工日期不能早于2026年1月1日；2026年以前已停工的，请填2026-01-01');
    expect(why('2026-02-30')).toBe('停工日期应为 YYYY-MM-DD 格式的有效日期');
    expect(why('九月')).toBe('停工日期应为 YYYY-MM-DD 格式的有效日期');
    expect(why('2026-01-01')).toBeNull();
  });

  it('lists every problem at once, one message per field', () => {
    const r = parseReportForm({ ytd_investment: 'abc', progress_text: '稳步推进', problem_text: '资金不到位' }, ctx());
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['problem_category', 'progress_text', 'status', 'ytd_investment']);
  });
});

const ok = (o: Partial<ReportValues>): ReportValues => ({
  ytdYuan: 12_345_000,
  monthEndYuan: null,
  progressText: '主体结构施工至12层',
  status: 'building',
  problemCategories: [],
  problemText: null,
  coordination: null,
  nextPlan: null,
  correctionReason: null,
  stoppedSince: null,
  ...o,
});

describe('parseReportForm accepts', () => {
  it.each<[string, Record<string, unknown>, Partial<ReportFormContext>, ReportValues]>([
    ['the minimum: figure, 形象进度, status', form(), {}, ok({})],
    ['a first report (no last week)', form(), { lastYtdYuan: null }, ok({})],
    ['the same figure as last week', form({ ytd_investment: '1000' }), {}, ok({ ytdYuan: 10_000_000 })],
    ['a figure with separators, unit and full-width digits', form({ ytd_investment: ' １,２３４.５ 万元 ' }), {}, ok({})],
    ['a status given by its label', form({ status: '停工' }), {}, ok({ status: 'stopped' })],
    [
      'a decrease with its reason',
      form({ ytd_investment: '900', correction_reason: ' 统计核减：剔除设备购置费 ' }),
      {},
      ok({ ytdYuan: 9_000_000, correctionReason: '统计核减：剔除设备购置费' }),
    ],
    ['a reason without a decrease, which is dropped', form({ correction_reason: '核减' }), {}, ok({ correctionReason: null })],
    [
      '停工 with its 停工日期 from the date picker',
      form({ status: 'stopped', stopped_since: '2026-09-14 +0800' }),
      { today: '2026-10-09', planYear: 2026 },
      ok({ status: 'stopped', stoppedSince: '2026-09-14' }),
    ],
    [
      '半停工 since today, the plan year’s first day is allowed too',
      form({ status: 'half_stopped', stopped_since: '2026-10-09' }),
      { today: '2026-10-09', planYear: 2026 },
      ok({ status: 'half_stopped', stoppedSince: '2026-10-09' }),
    ],
    [
      '停工 without a date: counted from the week it is reported',
      form({ status: 'stopped', stopped_since: '' }),
      { today: '2026-10-09' },
      ok({ status: 'stopped' }),
    ],
    [
      'a 停工日期 left from last week under another status, which is dropped',
      form({ status: 'building', stopped_since: '2026-09-14' }),
      { today: '2026-10-09', planYear: 2026 },
      ok({}),
    ],
    [
      'problems in §7 order, without duplicates',
      form({ problem_category: ['funding', 'land', 'funding'], problem_text: '征地拆迁尚有3户未签约；专项债未到位' }),
      {},
      ok({ problemCategories: ['land', 'funding'], problemText: '征地拆迁尚有3户未签约；专项债未到位' }),
    ],
    ['"无" in the optional fields, read as none', form({ problem_text: '无', coordination: '暂无', next_plan: '' }), {}, ok({})],
    [
      'the optional fields filled',
      form({ coordination: '请协调供电公司迁改10kV线路', next_plan: '完成13至15层结构' }),
      {},
      ok({ coordination: '请协调供电公司迁改10kV线路', nextPlan: '完成13至15层结构' }),
    ],
    ['a month-end figure when asked', form({ month_end_investment: '1200' }), { askMonthEnd: '2026-10' }, ok({ monthEndYuan: 12_000_000 })],
    ['a month-end figure equal to the cumulative one', form({ month_end_investment: '1234.5' }), { askMonthEnd: '2026-10' }, ok({ monthEndYuan: 12_345_000 })],
    [
      'December asked in January: last year’s figure is not compared with this year’s',
      form({ month_end_investment: '9800' }),
      { askMonthEnd: '2026-12', planYear: 2027 },
      ok({ monthEndYuan: 98_000_000 }),
    ],
    ['a month-end figure not asked for, which is ignored', form({ month_end_investment: '1200' }), {}, ok({})],
    ['a figure that exactly reaches the total investment', form({ ytd_investment: '30000' }), {}, ok({ ytdYuan: 300_000_000 })],
    ['a 形象进度 with vague words and a quantity', form({ progress_text: '有序推进，完成桩基85%' }), {}, ok({ progressText: '有序推进，完成桩基85%' })],
    [
      'a multi-line 形象进度, trimmed, with Windows line ends',
      form({ progress_text: '  1号楼封顶\r\n2号楼施工至8层  ' }),
      {},
      ok({ progressText: '1号楼封顶\n2号楼施工至8层' }),
    ],
    [
      'a single category sent as a string',
      form({ problem_category: 'weather', problem_text: '连续降雨停工5天' }),
      {},
      ok({ problemCategories: ['weather'], problemText: '连续降雨停工5天' }),
    ],
  ])('%s', (_, fv, c, value) => {
    expect(parseReportForm(fv, ctx(c))).toEqual({ ok: true, value });
  });

  it('offers every category of §7, in order, with stable ids', () => {
    expect(PROBLEM_CATEGORIES.map((c) => `${c.id}:${c.label}`)).toEqual([
      'land:用地',
      'approval:审批手续',
      'funding:资金',
      'external:外部条件',
      'policy:政策制约',
      'weather:天气季节',
      'enterprise:企业自身',
      'statistics:统计入库',
    ]);
  });
});
