// The weekly digest posted to the bulletin groups after a round's deadline: how many reported, the week's new
// investment, projects newly behind 序时, problems newly raised. Short by design; the month's bulletin has the rest.
import type { Light } from '../../src/domain/progress';
import { lightTag } from '../answer/common';
import { digestTexts as T } from '../bulletin/texts';
import { card, type Card, escapeMd, markdown, text } from '../elements';

export type DigestVM = {
  weekLabel: string;
  reported: number;
  total: number;
  rateText: string;
  /** This week's new investment, formatted; null when no project reported twice yet. */
  invested: string | null;
  firstReports: number;
  /** null: no earlier round this year to compare with. */
  laggards: Array<{ name: string; county: string; light: Light | null }> | null;
  newProblems: { count: number; byCategory: Array<[string, number]> };
  asOfText: string;
  timeProgressText: string;
};

/** Newly lagging projects named on the card; the rest are counted. */
export const DIGEST_LAGGARDS_SHOWN = 10;

export function renderDigestCard(vm: DigestVM): Card {
  const lines: string[] = [T.reported(vm.reported, vm.total, vm.rateText)];
  lines.push(vm.invested !== null ? T.invested(vm.invested) : vm.reported === 0 ? T.investedNoReports : T.investedNone);
  const elements = [markdown(lines.join('\n'))];
  if (vm.invested !== null && vm.firstReports > 0) elements.push(text(T.firstReports(vm.firstReports), 'grey', 'notation'));
  if (vm.laggards === null) elements.push(markdown(T.noEarlierRound));
  else {
    const shown = vm.laggards.slice(0, DIGEST_LAGGARDS_SHOWN).map((l) => `- ${escapeMd(l.name)}（${escapeMd(l.county)}）${lightTag(l.light)}`);
    elements.push(markdown([T.laggards(vm.laggards.length), ...shown].join('\n')));
    if (vm.laggards.length > DIGEST_LAGGARDS_SHOWN) elements.push(text(T.laggardsCut(DIGEST_LAGGARDS_SHOWN, vm.laggards.length), 'grey', 'notation'));
  }
  const parts = vm.newProblems.byCategory.map(([c, n]) => `${escapeMd(c)}${n}个`).join('、');
  elements.push(markdown(T.problems(vm.newProblems.count, parts)));
  elements.push(text(T.basis(vm.asOfText, vm.timeProgressText), 'grey', 'notation'));
  return card({ title: T.title, subtitle: vm.weekLabel, template: 'wathet', summary: T.summary(vm.weekLabel, vm.reported, vm.total), elements });
}
