// The weekly digest posted to the bulletin groups after a round's deadline: how many reported, the week's new
// investment, projects newly behind 序时, problems newly raised. Short by design; the month's bulletin has the rest.
import { formatLight, type Light } from '../../src/domain/progress';
import { lightTag } from '../answer/common';
import { digestTexts as T } from '../bulletin/texts';
import { card, type Card, type CardElement, escapeMd, markdown, text } from '../elements';

export type DigestProject = { name: string; county: string; light: Light | null };
export type LightChange = { name: string; from: Light; to: Light };

export type DigestVM = {
  weekLabel: string;
  reported: number;
  total: number;
  rateText: string;
  /** This week's new investment, formatted; null when no project reported twice yet. */
  invested: string | null;
  firstReports: number;
  /**
   * Projects newly behind 序时, by cause: this week's report (`byReport`), or 序时 moving on since the previous round
   * (`byMeasure`: behind already on last week's figures against this week's 序时). null: no earlier round this year.
   */
  laggards: {
    byReport: DigestProject[];
    byMeasure: DigestProject[];
    /** 序时 at the previous round's deadline and at this one's; how many of byMeasure are on their own plan, or late to start. */
    measure: { from: { text: string; asOf: string }; to: { text: string; asOf: string }; own: number; lateStart: number };
  } | null;
  /** Projects already behind 序时 whose light got worse, by the same two causes; null with laggards. */
  lights?: { byReport: LightChange[]; byMeasure: LightChange[] } | null;
  newProblems: { count: number; byCategory: Array<[string, number]> };
  asOfText: string;
  timeProgressText: string;
};

/** Newly lagging projects named on the card; the rest are counted. */
export const DIGEST_LAGGARDS_SHOWN = 10;

const projectLine = (l: DigestProject) => `- ${escapeMd(l.name)}（${escapeMd(l.county)}）${lightTag(l.light)}`;

/** Up to DIGEST_LAGGARDS_SHOWN names under a head, and how many were left out. */
function named(head: string, xs: readonly DigestProject[]): CardElement[] {
  const out: CardElement[] = [markdown([head, ...xs.slice(0, DIGEST_LAGGARDS_SHOWN).map(projectLine)].join('\n'))];
  if (xs.length > DIGEST_LAGGARDS_SHOWN) out.push(text(T.laggardsCut(DIGEST_LAGGARDS_SHOWN, xs.length), 'grey', 'notation'));
  return out;
}

/**
 * Newly behind 序时 because of this week's report, apart from behind because 序时 moved on (a month ended): a project
 * whose figures did not fall is not said to have slipped. Then the lights that got worse, by the same two causes.
 */
function laggardsOf(vm: DigestVM, l: NonNullable<DigestVM['laggards']>): CardElement[] {
  const out = named(T.byReport(l.byReport.length, vm.reported > 0), l.byReport);
  if (l.byMeasure.length > 0) {
    const m = l.measure;
    const notes = T.measureNotes(m.own, m.lateStart);
    const why = m.from.text !== m.to.text ? T.measureMoved(m.from.text, m.from.asOf, m.to.text, m.to.asOf, notes) : T.measureSame(m.to.text, m.to.asOf, notes);
    out.push(...named(`${T.byMeasure(l.byMeasure.length)}${escapeMd(why)}`, l.byMeasure));
  }
  const lights = vm.lights;
  if (lights && (lights.byReport.length > 0 || lights.byMeasure.length > 0)) {
    const word = (x: Light) => formatLight(x);
    const parts: string[] = [];
    if (lights.byReport.length > 0) {
      const names = lights.byReport.slice(0, DIGEST_LAGGARDS_SHOWN).map((c) => `${escapeMd(c.name)}${T.lightMove(word(c.from), word(c.to))}`);
      const more = lights.byReport.length > DIGEST_LAGGARDS_SHOWN ? '等' : '';
      parts.push(T.lightsByReport(lights.byReport.length, `${names.join('、')}${more}`));
    }
    if (lights.byMeasure.length > 0) {
      const moves = new Map<string, number>();
      // Green → yellow before yellow → red: milder first, in the order of the lights.
      const rank = (x: Light) => ['green', 'yellow', 'red'].indexOf(x);
      const sorted = [...lights.byMeasure].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
      for (const c of sorted) {
        const k = T.lightMove(word(c.from), word(c.to));
        moves.set(k, (moves.get(k) ?? 0) + 1);
      }
      parts.push(T.lightsByMeasure(lights.byMeasure.length, [...moves].map(([k, n]) => `${k}${n}个`).join('、')));
    }
    out.push(markdown(`${T.lightsHead}${parts.join('；')}。`));
  }
  return out;
}

export function renderDigestCard(vm: DigestVM): Card {
  const lines: string[] = [T.reported(vm.reported, vm.total, vm.rateText)];
  lines.push(vm.invested !== null ? T.invested(vm.invested) : vm.reported === 0 ? T.investedNoReports : T.investedNone);
  const elements = [markdown(lines.join('\n'))];
  if (vm.invested !== null && vm.firstReports > 0) elements.push(text(T.firstReports(vm.firstReports), 'grey', 'notation'));
  if (vm.laggards === null) elements.push(markdown(T.noEarlierRound));
  else elements.push(...laggardsOf(vm, vm.laggards));
  const parts = vm.newProblems.byCategory.map(([c, n]) => `${escapeMd(c)}${n}个`).join('、');
  elements.push(markdown(T.problems(vm.newProblems.count, parts)));
  elements.push(text(T.basis(vm.asOfText, vm.timeProgressText), 'grey', 'notation'));
  return card({ title: T.title, subtitle: vm.weekLabel, template: 'wathet', summary: T.summary(vm.weekLabel, vm.reported, vm.total), elements });
}
