// Every card of the weekly round, rendered in each variant, passes the Card JSON 2.0 rules and shows what a reporter checks.
import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/elements';
import { checkCard } from '../../cards/limits';
import { renderReportFormCard, type ReportFormVM } from '../../cards/round/form';
import { renderProjectListCard, type ProjectListVM } from '../../cards/round/list';
import { renderSavedCard, type SavedCardVM } from '../../cards/round/saved';
import { timeProgress, type LightSettings } from '../../src/domain/progress';
import { checkCardRules } from '../helpers/card-rules';

type Obj = Record<string, unknown>;
const WAN = 10_000;

/** Every object with a `tag` in the card, depth first, in reading order. */
function components(v: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(v)) for (const x of v) components(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.tag === 'string') out.push(o);
    for (const [k, child] of Object.entries(o)) if (k !== 'behaviors') components(child, out);
  }
  return out;
}
const byTag = (c: Card, tag: string) => components(c.body).filter((o) => o.tag === tag);
const named = (c: Card, name: string) => components(c.body).find((o) => o.name === name);
/** What the reader sees: header, texts, labels, placeholders and prefilled values, joined. */
function visible(c: Card): string {
  const parts: string[] = [c.header.title.content, c.header.subtitle?.content ?? '', ...(c.header.text_tag_list ?? []).map((t) => t.text.content)];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Obj;
    if (typeof o.content === 'string') parts.push(o.content);
    if (typeof o.default_value === 'string') parts.push(o.default_value);
    for (const [k, child] of Object.entries(o)) if (k !== 'behaviors') walk(child);
  };
  walk(c.body);
  return parts.join('\n');
}
const buttonValues = (c: Card) =>
  byTag(c, 'button').map((b) => ({ label: (b.text as { content: string }).content, value: (b.behaviors as Array<{ value: Obj }> | undefined)?.[0]?.value }));

function expectSendable(c: Card): void {
  expect(checkCardRules(c)).toEqual([]);
  expect(checkCard(c)).toMatchObject({ ok: true });
}

// ---------------------------------------------------------------------------------------------------------------
const listVM = (o: Partial<ProjectListVM> = {}): ProjectListVM => ({
  periodId: 7,
  weekLabel: '第48周（11月23日—11月29日）',
  unitName: '市住房和城乡建设局',
  deadlineText: '11月27日（周五）18:00',
  rows: [
    { projectId: 101, code: 'ZD2026-001', name: '城东安置房二期', state: 'done' },
    { projectId: 102, code: 'ZD2026-002', name: '第二污水处理厂扩建', state: 'todo' },
    { projectId: 103, code: 'ZD2026-003', name: '滨江大道改造', state: 'late' },
  ],
  page: 0,
  ...o,
});

const LONG = '城市更新暨老旧小区综合改造提升工程（含雨污分流、管网改造、立面整治、智慧社区建设及配套公共服务设施）一期二期三期合并实施项目';

function fortyProjects(): ProjectListVM['rows'] {
  return Array.from({ length: 40 }, (_, i) => ({
    projectId: 1000 + i,
    code: `ZD2026-${String(i + 1).padStart(3, '0')}`,
    name: `${LONG}${i + 1}`,
    state: i % 3 === 0 ? 'done' : i % 3 === 1 ? 'todo' : 'late',
  }));
}

describe('renderProjectListCard', () => {
  it('shows each project with its state, the counts and the deadline, each form one tap away', () => {
    const c = renderProjectListCard(listVM({ notice: '已保存：城东安置房二期' }));
    expectSendable(c);
    const seen = visible(c);
    expect(seen).toContain('市住房和城乡建设局 · 第48周（11月23日—11月29日）');
    expect(seen).toContain('**已填 1 / 3**');
    expect(seen).toContain('逾期未报 1 个');
    expect(seen).toContain('11月27日（周五）18:00');
    expect(seen).toContain('已保存：城东安置房二期');
    expect(seen).toMatch(/城东安置房二期\n已填 ✅/);
    expect(seen).toMatch(/第二污水处理厂扩建\n待填/);
    expect(seen).toMatch(/滨江大道改造\n.*请补报/);
    expect(buttonValues(c)).toEqual([
      { label: '修改', value: { kind: 'round_form', periodId: 7, projectId: 101, page: 0 } },
      { label: '填报', value: { kind: 'round_form', periodId: 7, projectId: 102, page: 0 } },
      { label: '补报', value: { kind: 'round_form', periodId: 7, projectId: 103, page: 0 } },
    ]);
    expect(c.header.template).toBe('orange');
  });

  it('says so when the unit has nothing to report', () => {
    const c = renderProjectListCard(listVM({ rows: [] }));
    expectSendable(c);
    expect(visible(c)).toContain('本单位本周没有需要填报的重点项目');
    expect(visible(c)).toContain('**已填 0 / 0**');
    expect(byTag(c, 'button')).toEqual([]);
  });

  it('is green with a thank-you once everything is filled', () => {
    const c = renderProjectListCard(listVM({ rows: listVM().rows.map((r) => ({ ...r, state: 'done' as const })) }));
    expectSendable(c);
    expect(c.header.template).toBe('green');
    expect(visible(c)).toContain('已全部填报');
  });

  it('pages a 40-project unit with long names, every page well within the limits, every project reachable', () => {
    const rows = fortyProjects();
    const reached: number[] = [];
    for (let page = 0; page < 4; page++) {
      const c = renderProjectListCard(listVM({ rows, page, unitId: 12 }));
      expectSendable(c);
      const check = checkCard(c);
      expect(check.ok && check.components).toBeLessThanOrEqual(100);
      expect(check.ok && check.bytes).toBeLessThanOrEqual(20 * 1024);
      expect(visible(c)).toContain(`第 ${page + 1} / 4 页`);
      expect(visible(c)).toContain('**已填 14 / 40**');
      const values = buttonValues(c).map((b) => b.value as Obj);
      const forms = values.filter((v) => v.kind === 'round_form');
      expect(forms).toHaveLength(10);
      expect(forms.every((v) => v.page === page && v.periodId === 7)).toBe(true);
      reached.push(...forms.map((v) => v.projectId as number));
      const paging = values.filter((v) => v.kind === 'round_list');
      const expected = [...(page > 0 ? [page - 1] : []), ...(page < 3 ? [page + 1] : [])];
      expect(paging).toEqual(expected.map((p) => ({ kind: 'round_list', periodId: 7, page: p, unitId: 12 })));
    }
    expect(reached).toEqual(rows.map((r) => r.projectId));
  });

  it('cuts a name too long for the row, and caps a requested page size so the card still fits', () => {
    const rows = fortyProjects().map((r) => ({ ...r, name: r.name.repeat(5) }));
    const c = renderProjectListCard(listVM({ rows, pageSize: 40 }));
    expectSendable(c);
    expect(buttonValues(c).filter((b) => b.value?.kind === 'round_form')).toHaveLength(20);
    expect(visible(c)).toContain('…');
  });

  it('shows the last page for a page past the end, and escapes markdown in names', () => {
    const c = renderProjectListCard(listVM({ rows: [{ projectId: 1, code: 'A_1', name: '**<font color=red>假</font>**', state: 'todo' }], page: 9 }));
    expectSendable(c);
    expect(visible(c)).not.toContain('<font color=red>');
    expect(visible(c)).toContain('&#42;&#42;&#60;font color=red&#62;');
    expect(buttonValues(c)[0]?.value).toEqual({ kind: 'round_form', periodId: 7, projectId: 1, page: 0 });
  });

  it('adds the nonce to every button when given, so a re-rendered card’s clicks are not taken for repeats', () => {
    const c = renderProjectListCard(listVM({ rows: fortyProjects(), nonce: 'e42' }));
    expect(buttonValues(c).every((b) => b.value?.nonce === 'e42')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
const formVM = (o: Partial<ReportFormVM> = {}): ReportFormVM => ({
  periodId: 7,
  projectId: 102,
  code: 'ZD2026-002',
  name: '第二污水处理厂扩建',
  unitName: '市住房和城乡建设局',
  weekLabel: '第48周（11月23日—11月29日）',
  annualPlanYuan: 12_000 * WAN,
  totalInvestmentYuan: 50_000 * WAN,
  lastReport: {
    weekLabel: '第47周（11月16日—11月22日）',
    ytdYuan: 9_876_5432,
    progressText: '主体结构施工至11层',
    status: 'building',
    submittedByName: '张三',
    submittedAtText: '11月20日 15:30',
  },
  prefill: { ytd_investment: '9876.5432', progress_text: '主体结构施工至11层', status: 'building' },
  askMonthEnd: null,
  page: 1,
  late: false,
  ...o,
});

const FIELDS = [
  'ytd_investment',
  'progress_text',
  'status',
  'stopped_since',
  'problem_category',
  'problem_text',
  'coordination',
  'next_plan',
  'correction_reason',
];

describe('renderReportFormCard', () => {
  it('names the project and shows the plan and the last report, above a prefilled form', () => {
    const c = renderReportFormCard(formVM());
    expectSendable(c);
    expect(c.header.title.content).toBe('第二污水处理厂扩建');
    expect(c.header.subtitle?.content).toBe('项目编号 ZD2026-002 · 市住房和城乡建设局 · 第48周（11月23日—11月29日）');
    const seen = visible(c);
    expect(seen).toContain('**年度计划投资：**12,000.00万元');
    expect(seen).toContain('**总投资：**50,000.00万元');
    expect(seen).toContain('**上次填报（第47周（11月16日—11月22日））**');
    expect(seen).toContain('年度累计完成投资 9,876.54万元　项目状态 在建');
    expect(seen).toContain('形象进度：主体结构施工至11层');
    expect(seen).toContain('张三 填报于 11月20日 15:30');

    const [form] = byTag(c, 'form');
    expect(c.body.elements).toContain(form);
    const names = components(form)
      .map((o) => o.name)
      .filter(Boolean);
    expect(names).toEqual(['report_form', ...FIELDS, 'report_submit']);
    expect(named(c, 'ytd_investment')).toMatchObject({ required: true, default_value: '9876.5432', label: { content: '年度累计完成投资（万元）' } });
    expect(named(c, 'progress_text')).toMatchObject({ required: true, input_type: 'multiline_text', default_value: '主体结构施工至11层' });
    expect(named(c, 'status')).toMatchObject({ required: true, initial_option: 'building' });
    expect(named(c, 'problem_text')).not.toHaveProperty('required');
    // 停工日期: optional, said to be for 停工 and 半停工; empty unless the last report gave one.
    expect(named(c, 'stopped_since')).toMatchObject({ tag: 'date_picker' });
    expect(named(c, 'stopped_since')).not.toHaveProperty('initial_date');
    expect(seen).toContain('停工日期**（项目状态为停工、半停工时选填；不填则自首次填报停工的那一周起算）');
    const stopped = renderReportFormCard(formVM({ prefill: { status: 'stopped', stopped_since: '2026-09-14' } }));
    expect(named(stopped, 'stopped_since')).toMatchObject({ tag: 'date_picker', initial_date: '2026-09-14' });
    expect(named(stopped, 'status')).toMatchObject({ initial_option: 'stopped' });
    expect((named(c, 'status')!.options as Array<{ text: { content: string }; value: string }>).map((o) => `${o.text.content} ${o.value}`)).toEqual([
      '未开工 not_started',
      '在建 building',
      '停工 stopped',
      '半停工 half_stopped',
      '竣工 completed',
      '投产 producing',
    ]);
    expect(named(c, 'report_submit')).toMatchObject({
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: { kind: 'round_submit', periodId: 7, projectId: 102, page: 1 } }],
    });
  });

  it('puts 本周无变化 and 返回列表 outside the form, at the root', () => {
    const c = renderReportFormCard(formVM());
    const [form] = byTag(c, 'form');
    const inForm = new Set(components(form));
    const outside = buttonValues({ ...c, body: { elements: c.body.elements.filter((e) => e.tag !== 'form') } });
    expect(outside.map((b) => b.value)).toEqual([
      { kind: 'round_no_change', periodId: 7, projectId: 102, page: 1 },
      { kind: 'round_list', periodId: 7, page: 1, projectId: 102 },
    ]);
    expect(
      byTag(c, 'button')
        .filter((b) => !inForm.has(b))
        .map((b) => (b.text as { content: string }).content),
    ).toEqual(['本周无变化', '返回列表']);
    const noChange = byTag(c, 'button').find((b) => (b.text as { content: string }).content === '本周无变化');
    expect((noChange!.confirm as { text: { content: string } }).text.content).toContain('年度累计完成投资 9,876.54万元');
  });

  it('without a last report: no 本周无变化, no correction field, nothing prefilled', () => {
    const c = renderReportFormCard(formVM({ lastReport: null, prefill: {} }));
    expectSendable(c);
    expect(visible(c)).toContain('本项目尚无以往填报记录');
    expect(buttonValues(c).map((b) => b.label)).toEqual(['提交', '返回列表']);
    expect(named(c, 'correction_reason')).toBeUndefined();
    expect(named(c, 'ytd_investment')).not.toHaveProperty('default_value');
    expect(named(c, 'status')).not.toHaveProperty('initial_option');
  });

  it('asks for the month-end figure when the round needs it (and then offers no 本周无变化)', () => {
    const c = renderReportFormCard(formVM({ askMonthEnd: '2026-10' }));
    expectSendable(c);
    expect(named(c, 'month_end_investment')).toMatchObject({ required: true, label: { content: '截至2026年10月底累计完成投资（万元）' } });
    expect(buttonValues(c).map((b) => b.label)).toEqual(['提交', '返回列表']);
  });

  it('shows each error in red under its field and keeps what the user typed', () => {
    const typed = {
      ytd_investment: '约一千万',
      progress_text: '基本完成',
      status: 'stopped',
      problem_category: ['funding', 'land'],
      problem_text: '',
      coordination: '请协调<b>电力</b>迁改',
    };
    const errors = {
      ytd_investment: '年度累计完成投资：只能填写数字（单位：万元），如 1234.5',
      progress_text: '形象进度过于笼统。请写明形象进度的具体工程量，如“主体结构施工至12层”“完成桩基85%”',
      problem_text: '已选择存在问题类别，请填写存在问题的具体情况',
    };
    const c = renderReportFormCard(formVM({ prefill: typed, errors, late: true }));
    expectSendable(c);
    expect(visible(c)).toContain('填报内容有 3 处需要修改');
    const [form] = byTag(c, 'form');
    const inside = (form?.elements ?? []) as Obj[];
    for (const [field, message] of Object.entries(errors)) {
      const i = inside.findIndex((e) => e.name === field);
      expect(inside[i + 1]).toEqual({ tag: 'div', text: { tag: 'plain_text', content: `⚠️ ${message}`, text_color: 'red', text_size: 'notation' } });
    }
    expect(named(c, 'ytd_investment')?.default_value).toBe('约一千万');
    expect(named(c, 'progress_text')?.default_value).toBe('基本完成');
    expect(named(c, 'status')?.initial_option).toBe('stopped');
    expect(named(c, 'problem_category')?.selected_values).toEqual(['funding', 'land']);
    expect(named(c, 'coordination')?.default_value).toBe('请协调<b>电力</b>迁改');
    expect(c.header.text_tag_list?.map((t) => t.text.content)).toEqual(['补报']);
    expect(visible(c)).toContain('本次填报将记为补报');
  });

  it('still shows an error for a field the card no longer has', () => {
    const c = renderReportFormCard(formVM({ errors: { month_end_investment: '请填写截至2026年10月底累计完成投资（万元）' } }));
    expectSendable(c);
    expect(visible(c)).toContain('⚠️ 请填写截至2026年10月底累计完成投资（万元）');
  });

  it('keeps a long typed text within the field’s limit and the whole card within 30 KB', () => {
    const c = renderReportFormCard(
      formVM({ prefill: { progress_text: '进'.repeat(3000), problem_text: '问'.repeat(1000), coordination: '协'.repeat(1000), next_plan: '计'.repeat(1000) } }),
    );
    expectSendable(c);
    expect([...(named(c, 'progress_text')!.default_value as string)]).toHaveLength(1000);
  });
});

// ---------------------------------------------------------------------------------------------------------------
const LIGHTS: LightSettings = {
  rule: 'points',
  points: { yellow: 10, red: 30 },
  ratio: { yellow: 80, red: 60 },
  ratioBelow: { red: 50 },
  lateStartRedMonths: 3,
};
const OCT = { year: 2026, month: 10 };

const savedVM = (ytdWan: number, o: Partial<SavedCardVM> = {}): SavedCardVM => ({
  periodId: 7,
  projectId: 102,
  code: 'ZD2026-002',
  name: '第二污水处理厂扩建',
  weekLabel: '第45周（11月2日—11月8日）',
  page: 1,
  late: false,
  modification: 0,
  values: {
    ytdYuan: ytdWan * WAN,
    monthEndYuan: null,
    progressText: '主体结构施工至12层',
    status: 'building',
    problemCategories: [],
    problemText: null,
    coordination: null,
    nextPlan: null,
    correctionReason: null,
    stoppedSince: null,
  },
  askMonthEnd: null,
  annualPlanYuan: 12_000 * WAN,
  nature: '续建',
  plannedStart: null,
  asOf: OCT,
  timeProgress: timeProgress(OCT, { rule: 'months' }),
  lights: LIGHTS,
  ...o,
});

describe('renderSavedCard', () => {
  it.each<[string, number, string, string, string, string]>([
    ['ahead of 序时: green', 10_800, '90.0%', '高于序时进度6.7个百分点', '绿灯', 'green'],
    ['a little behind: still green', 9_500, '79.2%', '低于序时进度4.2个百分点', '绿灯', 'green'],
    ['25 points behind: yellow', 7_000, '58.3%', '低于序时进度25.0个百分点', '黄灯', 'yellow'],
    ['over 30 points behind: red', 5_000, '41.7%', '低于序时进度41.7个百分点', '红灯', 'red'],
  ])('%s', (_, ytd, rate, gap, light, template) => {
    const c = renderSavedCard(savedVM(ytd));
    expectSendable(c);
    const seen = visible(c);
    expect(seen).toContain('✅ **已报送**');
    expect(seen).toContain(`**年度累计完成投资：**${ytd.toLocaleString('en-US')}.00万元`);
    expect(seen).toContain('**项目状态：**在建');
    expect(seen).toContain('形象进度：主体结构施工至12层');
    expect(seen).toContain(`**年度投资完成率：**${rate}（年度计划投资 12,000.00万元）`);
    expect(seen).toContain('**序时进度：**83.33%');
    expect(seen).toContain(`**与序时进度比较：**${gap}`);
    expect(seen).toContain(`${light}</text_tag>`);
    expect(seen).not.toMatch(/个百分点%|%个百分点/);
    expect(c.header.template).toBe(template);
    expect(buttonValues(c)).toEqual([{ label: '返回列表', value: { kind: 'round_list', periodId: 7, page: 1, projectId: 102 } }]);
  });

  it('labels the red light 进度滞后 and the yellow one 进度较慢, as the mayor’s labels go', () => {
    expect(visible(renderSavedCard(savedVM(5_000)))).toContain('（未达序时进度、进度滞后）');
    expect(visible(renderSavedCard(savedVM(7_000)))).toContain('（未达序时进度、进度较慢）');
  });

  it('marks a late report 补报 and a second save as a modification, with everything that was saved', () => {
    const c = renderSavedCard(
      savedVM(9_500, {
        late: true,
        modification: 2,
        askMonthEnd: '2026-10',
        values: {
          ...savedVM(9_500).values,
          monthEndYuan: 9_400 * WAN,
          status: 'half_stopped',
          problemCategories: ['land', 'funding'],
          problemText: '征地拆迁尚有3户未签约',
          coordination: '请协调自然资源局加快组卷',
        },
      }),
    );
    expectSendable(c);
    const seen = visible(c);
    expect(seen).toContain('✅ **已更新（第2次修改）**（补报）');
    expect(c.header.text_tag_list?.map((t) => t.text.content)).toEqual(['补报']);
    expect(seen).toContain('**截至2026年10月底累计完成投资：**9,400.00万元');
    expect(seen).toContain('**项目状态：**半停工');
    expect(seen).toContain('存在问题（用地、资金）：征地拆迁尚有3户未签约');
    expect(seen).toContain('需协调事项：请协调自然资源局加快组卷');
    expect(seen).toContain('半停工）');
  });

  it('a late start lights red even when the money is on track', () => {
    const c = renderSavedCard(
      savedVM(10_800, { nature: '新开工', plannedStart: { year: 2026, month: 3 }, values: { ...savedVM(10_800).values, status: 'not_started' } }),
    );
    expectSendable(c);
    expect(c.header.template).toBe('red');
    expect(visible(c)).toContain('红灯</text_tag>（进度滞后）');
  });

  it('without an annual plan: no rate, no light, and says why', () => {
    const c = renderSavedCard(savedVM(100, { annualPlanYuan: 0 }));
    expectSendable(c);
    expect(visible(c)).toContain('未下达年度计划投资，不计算完成率和预警');
    expect(visible(c)).toContain('**年度投资完成率：**—');
    expect(c.header.template).toBe('blue');
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('checkCardRules (the checker itself)', () => {
  const base = () => structuredClone(renderReportFormCard(formVM())) as unknown as { header: Obj; body: { elements: Obj[] } } & Obj;
  const formOf = (c: ReturnType<typeof base>) => c.body.elements.find((e) => e.tag === 'form') as { elements: Obj[] } & Obj;

  it.each<[string, (c: ReturnType<typeof base>) => void, RegExp]>([
    [
      'a 1.0 schema',
      (c) => {
        delete c.schema;
      },
      /schema: must be "2.0"/,
    ],
    [
      'a 1.0 note',
      (c) => {
        c.body.elements.push({ tag: 'note', elements: [] });
      },
      /1\.0 tag "note"/,
    ],
    [
      'i18n_elements',
      (c) => {
        c.i18n_elements = {};
      },
      /1\.0 property "i18n_elements"/,
    ],
    [
      'an unknown header colour',
      (c) => {
        c.header.template = 'pink';
      },
      /not an allowed colour/,
    ],
    [
      'an unknown property',
      (c) => {
        (c.body.elements[0] as Obj).colour = 'red';
      },
      /unknown property "colour"/,
    ],
    [
      'a number input',
      (c) => {
        (formOf(c).elements[0] as Obj).input_type = 'number';
      },
      /input_type must be/,
    ],
    [
      'max_length over 1000',
      (c) => {
        (formOf(c).elements[0] as Obj).max_length = 2000;
      },
      /max_length must be 1–1000/,
    ],
    [
      'a form field without a name',
      (c) => {
        delete (formOf(c).elements[0] as Obj).name;
      },
      /input in a form needs a name/,
    ],
    [
      'a name used twice',
      (c) => {
        (formOf(c).elements[0] as Obj).name = 'progress_text';
      },
      /name "progress_text" already used/,
    ],
    [
      'a form without submit',
      (c) => {
        formOf(c).elements = formOf(c).elements.filter((e) => e.tag !== 'button');
      },
      /needs a button with form_action_type "submit"/,
    ],
    [
      'a form inside a column',
      (c) => {
        c.body.elements.push({ tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'form', name: 'f2', elements: [] }] }] });
      },
      /a form must sit at the card root/,
    ],
    [
      'a form inside a form',
      (c) => {
        formOf(c).elements.push({ tag: 'form', name: 'f3', elements: [] });
      },
      /a form inside a form/,
    ],
    [
      'a table in a form',
      (c) => {
        formOf(c).elements.push({ tag: 'table', columns: [], rows: [] });
      },
      /table cannot be inside a form/,
    ],
    [
      'six tables',
      (c) => {
        for (let i = 0; i < 6; i++) c.body.elements.push({ tag: 'table', columns: [], rows: [] });
      },
      /6 tables, over 5/,
    ],
    [
      'a chart in a form',
      (c) => {
        formOf(c).elements.push({ tag: 'chart', chart_spec: {} });
      },
      /chart cannot be inside a form/,
    ],
    [
      'a chart without a spec, with an undocumented aspect ratio, or with a function in its spec',
      (c) => {
        c.body.elements.push({ tag: 'chart', aspect_ratio: '3:1', chart_spec: { type: 'line', label: { formatMethod: () => '' } } }, { tag: 'chart' });
      },
      /cannot hold functions\n.*aspect_ratio must be 1:1, 2:1, 4:3 or 16:9\n.*a chart needs chart_spec/,
    ],
    [
      'more than 200 components',
      (c) => {
        for (let i = 0; i < 200; i++) c.body.elements.push({ tag: 'hr' });
      },
      /components, over 200/,
    ],
    [
      'more than 30 KB',
      (c) => {
        c.body.elements.push({ tag: 'markdown', content: '进'.repeat(11_000) });
      },
      /over 30 KB/,
    ],
    [
      'an initial option that is not an option',
      (c) => {
        (formOf(c).elements.find((e) => e.name === 'status') as Obj).initial_option = '在建';
      },
      /initial_option is not one of the options/,
    ],
    [
      'a string callback value',
      (c) => {
        (c.body.elements.at(-1) as { columns: Array<{ elements: Obj[] }> }).columns[0]!.elements[0]!.behaviors = [{ type: 'callback', value: 'x' }];
      },
      /callback value must be an object/,
    ],
    [
      'an untested tag',
      (c) => {
        c.body.elements.push({ tag: 'person_list', persons: [] });
      },
      /not on the checker's whitelist/,
    ],
  ])('flags %s', (_, breakIt, problem) => {
    const c = base();
    expect(checkCardRules(c)).toEqual([]);
    breakIt(c);
    expect(checkCardRules(c).join('\n')).toMatch(problem);
  });
});
