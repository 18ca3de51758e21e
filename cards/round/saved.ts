// The card shown after a weekly report is saved: what was saved, its completion rate against 序时进度, and its light.
import {
  assessProject,
  completionRate,
  formatGap,
  formatLight,
  formatRate,
  formatTimeProgress,
  gapToTimeProgress,
  type AsOf,
  type Light,
  type LightSettings,
  type TimeProgress,
  type YearMonth,
} from '../../src/domain/progress';
import { problemCategoryLabel } from '../../src/domain/problem-categories';
import { monthEndTitle, statusLabel, type ReportValues } from '../../src/domain/report-form';
import { button, card, clip, escapeMd, hr, markdown, text, type Card, type CardElement, type HeaderTemplate, type TagColor } from '../elements';
import { savedTexts as T } from '../texts';
import { formatWan } from '../../src/domain/money';

export type SavedCardVM = {
  periodId: number;
  projectId: number;
  code: string;
  name: string;
  weekLabel: string;
  page: number;
  late: boolean;
  /** 0 for the week's first report; n ≥ 1 for its nth modification ("已更新（第n次修改）"). */
  modification: number;
  /** Saved with 本周无变化. */
  noChange?: boolean;
  values: ReportValues;
  /** The month the month-end figure is for ('YYYY-MM'), when one was asked. */
  askMonthEnd: string | null;
  annualPlanYuan: number;
  /** The project facts the late-start light needs (建设性质, planned start month). */
  nature: string;
  plannedStart: YearMonth | null;
  /** 序时进度 at the as-of the card measures against, under the configured rule, and the light settings. */
  asOf: AsOf;
  timeProgress: TimeProgress;
  lights: LightSettings;
  /** What the report's problem became in the 问题台账 ("已登记为新问题（编号 3）…"), when it raised one. */
  ledgerNote?: string | null;
  nonce?: string;
};

const LIGHT_TEMPLATE: Record<Light, HeaderTemplate> = { green: 'green', yellow: 'yellow', red: 'red' };
const LIGHT_TAG: Record<Light, TagColor> = { green: 'green', yellow: 'yellow', red: 'red' };

function savedLines(vm: SavedCardVM): CardElement[] {
  const v = vm.values;
  const head = `${vm.modification > 0 ? T.updated(vm.modification) : T.saved}${vm.late ? T.late : ''}${vm.noChange ? T.noChange : ''}`;
  const figures = [T.figure(T.ytd, formatWan(v.ytdYuan))];
  if (v.monthEndYuan !== null && vm.askMonthEnd !== null) figures.push(T.figure(monthEndTitle(vm.askMonthEnd), formatWan(v.monthEndYuan)));
  // The 停工日期 given with a 停工 or 半停工, as entered (日期 the reporter can check).
  figures.push(T.figure(T.status, `${statusLabel(v.status)}${v.stoppedSince ? `（停工日期：${v.stoppedSince}）` : ''}`));
  const out: CardElement[] = [markdown(head), markdown(figures.join('\n')), text(T.progress(clip(v.progressText, 500)))];
  const extra: string[] = [];
  if (v.problemText !== null) {
    const cats = v.problemCategories.map((id) => problemCategoryLabel(id) ?? id).join('、');
    extra.push(T.problem(cats, clip(v.problemText, 300)));
  }
  if (v.coordination !== null) extra.push(T.coordination(clip(v.coordination, 300)));
  if (v.nextPlan !== null) extra.push(T.nextPlan(clip(v.nextPlan, 300)));
  if (v.correctionReason !== null) extra.push(T.correction(clip(v.correctionReason, 300)));
  if (extra.length) out.push(text(extra.join('\n'), 'grey', 'notation'));
  if (vm.ledgerNote) out.push(text(vm.ledgerNote, 'grey', 'notation'));
  return out;
}

export function renderSavedCard(vm: SavedCardVM): Card {
  const rate = completionRate(vm.values.ytdYuan, vm.annualPlanYuan);
  const gap = gapToTimeProgress(rate, vm.timeProgress.percent);
  const facts = { nature: vm.nature, status: statusLabel(vm.values.status), plannedStart: vm.plannedStart, rate };
  const assessment = assessProject(facts, vm.timeProgress.percent, vm.asOf, vm.lights);
  const light = assessment.light;

  const elements = savedLines(vm);
  elements.push(hr());
  if (rate === null) elements.push(text(T.noPlan, 'grey'));
  const lightText = light === null ? formatLight(null) : `<text_tag color='${LIGHT_TAG[light]}'>${formatLight(light)}</text_tag>`;
  const labels = assessment.labels.length ? `（${assessment.labels.join('、')}）` : '';
  elements.push(
    markdown(
      [
        T.figure(T.rate, `${formatRate(rate)}（年度计划投资 ${formatWan(vm.annualPlanYuan)}）`),
        T.figure(T.timeProgress, formatTimeProgress(vm.timeProgress)),
        T.figure(T.gap, formatGap(gap)),
        T.figure(T.light, `${lightText}${escapeMd(labels)}`),
      ].join('\n'),
    ),
  );
  const back = { kind: 'round_list', periodId: vm.periodId, page: vm.page, projectId: vm.projectId, ...(vm.nonce === undefined ? {} : { nonce: vm.nonce }) };
  elements.push(button(T.backToList, back, { type: 'primary' }));
  return card({
    title: T.title(vm.name),
    subtitle: T.subtitle(vm.code, vm.weekLabel),
    template: light === null ? 'blue' : LIGHT_TEMPLATE[light],
    tags: vm.late ? [{ text: T.lateTag, color: 'orange' }] : [],
    summary: T.summary(vm.name, vm.modification),
    elements,
  });
}
