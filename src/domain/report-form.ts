// The weekly report form (domain.md §3): field names, labels and statuses, and the check of a submitted form_value.
import { isIsoDate } from './calendar-dates';
import { formatWan, parseFormAmountWan } from './money';
import { pickedDate } from './nodes';
import { withoutControlChars } from './plain-text';
import { isProblemCategoryId, sortProblemCategoryIds } from './problem-categories';

/** The form's component names: stable, since callbacks, stored drafts and integrations refer to them. */
export const REPORT_FIELDS = [
  'ytd_investment',
  'month_end_investment',
  'progress_text',
  'status',
  'problem_category',
  'problem_text',
  'coordination',
  'next_plan',
  'correction_reason',
  'problem_link',
  'stopped_since',
] as const;
export type FieldName = (typeof REPORT_FIELDS)[number];

/** Each field as the reporter sees it named; error messages use the same words. */
export const FIELD_TITLES: Record<FieldName, string> = {
  ytd_investment: '年度累计完成投资',
  month_end_investment: '月底累计完成投资',
  progress_text: '形象进度',
  status: '项目状态',
  problem_category: '存在问题类别',
  problem_text: '存在问题',
  coordination: '需协调事项',
  next_plan: '下周计划',
  correction_reason: '核减原因',
  problem_link: '与已登记问题的关系',
  stopped_since: '停工日期',
};

export const STATUS_OPTIONS = [
  { value: 'not_started', label: '未开工' },
  { value: 'building', label: '在建' },
  { value: 'stopped', label: '停工' },
  { value: 'half_stopped', label: '半停工' },
  { value: 'completed', label: '竣工' },
  { value: 'producing', label: '投产' },
] as const;
export type ReportStatus = (typeof STATUS_OPTIONS)[number]['value'];

/** A status given as its value (building) or its label (在建) → the value; null when it is neither. */
export function toReportStatus(s: string): ReportStatus | null {
  const t = s.trim();
  return STATUS_OPTIONS.find((o) => o.value === t || o.label === t)?.value ?? null;
}

/** A status as the label people read (在建); text that is not a known status is shown as it is. */
export function statusLabel(s: string): string {
  const v = toReportStatus(s);
  return STATUS_OPTIONS.find((o) => o.value === v)?.label ?? s;
}

/** The month-end field named with its month, year included so that a December figure asked in January is clear. */
export function monthEndTitle(askMonthEnd: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(askMonthEnd);
  return m ? `截至${m[1]}年${Number(m[2])}月底累计完成投资` : FIELD_TITLES.month_end_investment;
}

export const TEXT_MAX_LENGTH = 1000;
export const AMOUNT_MAX_LENGTH = 30;
export const PROGRESS_HINT = '请写明形象进度的具体工程量，如“主体结构施工至12层”“完成桩基85%”';

export type ReportValues = {
  ytdYuan: number;
  monthEndYuan: number | null;
  progressText: string;
  status: ReportStatus;
  /** Ids of PROBLEM_CATEGORIES, in their order. */
  problemCategories: string[];
  problemText: string | null;
  coordination: string | null;
  nextPlan: string | null;
  /** Only when the cumulative figure went down; null otherwise. */
  correctionReason: string | null;
  /**
   * 停工日期: the day a project reported 停工 or 半停工 stopped, as the reporter gives it ('YYYY-MM-DD'); null when not
   * given (the stoppage then counts from the week it was first reported) and for any other status.
   */
  stoppedSince: string | null;
};

export type ReportFormContext = {
  lastYtdYuan: number | null;
  /**
   * For a late report of an earlier week: the first later week already reported and its cumulative figure ('第48周…').
   * The figure that stands for the project is the latest week's; a higher figure here makes it fall at that week.
   */
  laterReport?: { ytdYuan: number; weekLabel: string } | null;
  totalInvestmentYuan: number;
  priorCompletedYuan: number;
  annualPlanYuan: number;
  /** 'YYYY-MM' when this round asks for that month's closing cumulative figure. */
  askMonthEnd: string | null;
  /** The plan year of the reported cumulative figure; a month-end of another year is not compared with it. */
  planYear?: number;
  /** Today ('YYYY-MM-DD', Asia/Shanghai): a 停工日期 may not be later. */
  today?: string;
};

export type FieldErrors = Partial<Record<FieldName, string>>;
export type ReportFormResult = { ok: true; value: ReportValues } | { ok: false; errors: FieldErrors };

/** Vague progress words (domain.md §3) that say nothing measurable on their own. */
const VAGUE =
  /(?:大部分|大部|基本|部分)完成|(?:有序|稳步|顺利|加快|积极|全面|持续|扎实|快速|按计划|按序时|按期|正常|正在|加紧|紧张|抓紧|全力)(?:推进|施工|建设|实施|进行|开展)|(?:施工|建设|推进|进行|实施)中|进展(?:顺利|良好|正常)/g;
/** A number with a unit of work or a share: 12层, 85%, 3.5公里, 二层, 百分之八十. */
const QUANTITY =
  /(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:%|‰|层|栋|幢|座|台|套|根|榀|跨|孔|段|节|亩|公顷|平方米|平米|㎡|立方米|立方|方|吨|延米|米|公里|千米|km|m|条|处|户|间|标段|个|项|批|家|万元|亿元|盏|基|棵|株|环|片|樘|扇|道|组|千伏|kV|kv|兆瓦|MW)|百分之/;
/** Words that carry nothing once the vague phrases are gone. */
const FILLER = /[\s\p{P}\p{S}]|项目|工程|目前|现阶段|当前|本周|已经|已|正在|各项|工作|均|整体|总体|情况|中/gu;
const NOTHING = /^(?:无|暂无|没有|同上|同上周|同前|略|无变化|没有变化|见上周)$/;
/** Answers that mean "none" in an optional text field. */
const NONE_ANSWER = /^(?:无|暂无|没有|无问题|暂无问题|没有问题|无需协调|暂无需协调|无需协调事项|暂无需协调事项|不涉及|\/|-|—|——)$/;

/** Whether a 形象进度 says nothing measurable: empty, "无", or vague words without any quantity. */
export function isVagueProgress(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  const bare = t.replace(/[。.！!]+$/, '');
  if (bare === '' || NOTHING.test(bare)) return true;
  if (t.replace(VAGUE, '').replace(FILLER, '') === '') return true;
  return t.search(VAGUE) >= 0 && !QUANTITY.test(t);
}

type Read = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'bad' };

/** A form value as trimmed text without control characters; an empty optional field may be missing or "". */
function readText(v: unknown): Read {
  if (v === undefined || v === null) return { kind: 'empty' };
  if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'text', text: String(v) };
  if (typeof v !== 'string') return { kind: 'bad' };
  const text = withoutControlChars(v)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b\ufeff]/g, '')
    .trim();
  return text === '' ? { kind: 'empty' } : { kind: 'text', text };
}

/** An optional free-text field: null when empty or answered "无"; an error when too long or not text. */
function optionalText(v: unknown, field: FieldName, errors: FieldErrors): string | null {
  const r = readText(v);
  if (r.kind === 'bad') return fail(errors, field, `${FIELD_TITLES[field]}的内容无法识别，请重新填写`);
  if (r.kind === 'empty' || NONE_ANSWER.test(r.text.replace(/[。.]+$/, ''))) return null;
  if ([...r.text].length > TEXT_MAX_LENGTH) return fail(errors, field, `${FIELD_TITLES[field]}不能超过${TEXT_MAX_LENGTH}字`);
  return r.text;
}

function fail(errors: FieldErrors, field: FieldName, message: string): null {
  errors[field] ??= message;
  return null;
}

function amount(v: unknown, field: FieldName, title: string, errors: FieldErrors): number | null {
  const r = readText(v);
  if (r.kind === 'empty') return fail(errors, field, `请填写${title}（万元）`);
  if (r.kind === 'bad') return fail(errors, field, `${title}的内容无法识别，请填写数字（单位：万元）`);
  if (r.text.length > AMOUNT_MAX_LENGTH) return fail(errors, field, `${title}：只能填写数字（单位：万元），如 1234.5`);
  const parsed = parseFormAmountWan(r.text);
  return parsed.ok ? parsed.yuan : fail(errors, field, `${title}：${parsed.reason}`);
}

function categories(v: unknown, errors: FieldErrors): string[] {
  const raw = v === undefined || v === null || v === '' ? [] : typeof v === 'string' ? [v] : v;
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string' || !isProblemCategoryId(x))) {
    fail(errors, 'problem_category', `${FIELD_TITLES.problem_category}含有无法识别的选项，请重新选择`);
    return [];
  }
  return sortProblemCategoryIds(raw as string[]);
}

/** The statuses that carry a 停工日期. */
export const STOPPED_STATUSES: ReadonlySet<ReportStatus> = new Set(['stopped', 'half_stopped']);

/**
 * 停工日期, asked only of a project reported 停工 or 半停工 (for another status the field means nothing and is not
 * kept): optional; a real date, not after today, not before the plan year (a stoppage that began earlier is entered
 * as its 1月1日, from which the year's weeks count).
 */
function stoppedSince(v: unknown, status: ReportStatus | null, ctx: ReportFormContext, errors: FieldErrors): string | null {
  if (status === null || !STOPPED_STATUSES.has(status)) return null;
  const date = pickedDate(v);
  if (date === null) return null;
  const title = FIELD_TITLES.stopped_since;
  if (date === 'invalid' || !isIsoDate(date)) return fail(errors, 'stopped_since', `${title}应为 YYYY-MM-DD 格式的有效日期`);
  if (ctx.today !== undefined && date > ctx.today) return fail(errors, 'stopped_since', `${title}不能晚于今天（${ctx.today}）`);
  if (ctx.planYear !== undefined && date < `${ctx.planYear}-01-01`) {
    return fail(errors, 'stopped_since', `${title}不能早于${ctx.planYear}年1月1日；${ctx.planYear}年以前已停工的，请填${ctx.planYear}-01-01`);
  }
  return date;
}

const NO_TOTAL = '项目库中本项目的总投资为0，填报的完成投资无从核对，暂不能保存。请联系重点项目办在项目库中补正总投资后再填报';

function checkYtd(ytd: number, ctx: ReportFormContext, errors: FieldErrors): void {
  const total = ctx.totalInvestmentYuan;
  // Every amount is bounded by the total: with none registered nothing can be checked, and a reporter once saved
  // 900,000,000,000 万元 against a total of 0 (issue 17). The register import now refuses such a total.
  if (total <= 0) {
    fail(errors, 'ytd_investment', NO_TOTAL);
    return;
  }
  const sum = ytd + ctx.priorCompletedYuan;
  if (ytd > total || !Number.isSafeInteger(sum)) {
    fail(errors, 'ytd_investment', `年度累计完成投资${formatWan(ytd)}超过项目总投资${formatWan(total)}，请核对（单位为万元）`);
  } else if (sum > total) {
    fail(
      errors,
      'ytd_investment',
      `年度累计完成投资${formatWan(ytd)}加上截至上年底累计完成投资${formatWan(ctx.priorCompletedYuan)}，共${formatWan(sum)}，超过项目总投资${formatWan(total)}，请核对`,
    );
  }
}

/** Checks a submitted form against the project and the last report; every problem at once, one per field. */
export function parseReportForm(formValue: Record<string, unknown>, ctx: ReportFormContext): ReportFormResult {
  const errors: FieldErrors = {};
  const ytd = amount(formValue.ytd_investment, 'ytd_investment', FIELD_TITLES.ytd_investment, errors);
  if (ytd !== null) checkYtd(ytd, ctx, errors);

  let monthEnd: number | null = null;
  if (ctx.askMonthEnd !== null) {
    const title = monthEndTitle(ctx.askMonthEnd);
    monthEnd = amount(formValue.month_end_investment, 'month_end_investment', title, errors);
    const sameYear = ctx.planYear === undefined || ctx.askMonthEnd.startsWith(`${ctx.planYear}-`);
    const total = ctx.totalInvestmentYuan;
    if (monthEnd !== null && total <= 0) fail(errors, 'month_end_investment', NO_TOTAL);
    else if (monthEnd !== null && monthEnd > total) {
      // A figure of another year (December asked in January) is compared with the total alone.
      fail(errors, 'month_end_investment', `${title}${formatWan(monthEnd)}超过项目总投资${formatWan(total)}，请核对（单位为万元）`);
    } else if (monthEnd !== null && ytd !== null && sameYear && monthEnd > ytd) {
      fail(errors, 'month_end_investment', `${title}${formatWan(monthEnd)}高于本周年度累计完成投资${formatWan(ytd)}，月底数不应大于当前累计数，请核对`);
    }
  }

  const progress = readText(formValue.progress_text);
  let progressText: string | null = null;
  if (progress.kind === 'bad') fail(errors, 'progress_text', '形象进度的内容无法识别，请重新填写');
  else if (progress.kind === 'empty') fail(errors, 'progress_text', `请填写形象进度。${PROGRESS_HINT}`);
  else if ([...progress.text].length > TEXT_MAX_LENGTH) fail(errors, 'progress_text', `形象进度不能超过${TEXT_MAX_LENGTH}字`);
  else if (isVagueProgress(progress.text)) fail(errors, 'progress_text', `形象进度过于笼统。${PROGRESS_HINT}`);
  else progressText = progress.text;

  const statusRead = readText(formValue.status);
  const status = statusRead.kind === 'text' ? toReportStatus(statusRead.text) : null;
  if (statusRead.kind !== 'text') fail(errors, 'status', '请选择项目状态');
  else if (status === null) fail(errors, 'status', '项目状态不是可选项，请重新选择');

  const problemCategories = categories(formValue.problem_category, errors);
  const problemText = optionalText(formValue.problem_text, 'problem_text', errors);
  if (problemCategories.length > 0 && problemText === null) fail(errors, 'problem_text', '已选择存在问题类别，请填写存在问题的具体情况');
  if (problemCategories.length === 0 && problemText !== null) fail(errors, 'problem_category', '已填写存在问题，请选择存在问题类别');
  const coordination = optionalText(formValue.coordination, 'coordination', errors);
  const nextPlan = optionalText(formValue.next_plan, 'next_plan', errors);
  const since = stoppedSince(formValue.stopped_since, status, ctx, errors);

  // A reason is asked for, and kept, only when the cumulative figure went down; otherwise the field means nothing.
  const last = ctx.lastYtdYuan;
  let correctionReason: string | null = null;
  if (ytd !== null && last !== null && ytd < last) {
    correctionReason = optionalText(formValue.correction_reason, 'correction_reason', errors);
    const why = `年度累计完成投资${formatWan(ytd)}低于上周填报的${formatWan(last)}。累计数一般不减少，如属统计核减，请填写核减原因`;
    if (correctionReason === null) fail(errors, 'correction_reason', why);
  }
  // A late report of an earlier week sits between the weeks before and after it. The running total is the series of
  // weekly cumulative figures; it "falls" wherever a week is lower than the one before it. A late figure above the next
  // week already reported makes the series fall at that next week (the 9,500万 typed into W47 under W48's 600万), so
  // it is the same drop the rule above is about and asks for the same reason; correcting the later week first avoids it.
  const later = ctx.laterReport;
  if (ytd !== null && later && ytd > later.ytdYuan && correctionReason === null) {
    correctionReason = optionalText(formValue.correction_reason, 'correction_reason', errors);
    const why = `年度累计完成投资${formatWan(ytd)}高于其后${later.weekLabel}已填报的${formatWan(later.ytdYuan)}，补报后累计数将在${later.weekLabel}出现下降。如属统计核减，请填写核减原因；否则请先更正${later.weekLabel}的填报`;
    if (correctionReason === null && errors.correction_reason === undefined) fail(errors, 'correction_reason', why);
  }

  if (Object.keys(errors).length > 0 || ytd === null || progressText === null || status === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ytdYuan: ytd,
      monthEndYuan: monthEnd,
      progressText,
      status,
      problemCategories,
      problemText,
      coordination,
      nextPlan,
      correctionReason,
      stoppedSince: since,
    },
  };
}
