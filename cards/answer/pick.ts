// When a question names several projects (a list to pick from), or none (the closest names, also to pick from).
import { button, card, clip, escapeMd, markdown, text, type Card, type CardElement } from '../elements';
import { pickTexts as T } from './texts';

/** `place`: said beside the name when the option is from outside the group asked about (其他县区). */
export type PickOption = { projectId: number; code: string; name: string; place?: string };

/** The value a pick button calls back with; `nonce` makes each rendered card's clicks its own (see on-card-action). */
export function askProjectValue(projectId: number, nonce: string): Record<string, unknown> {
  return { kind: 'ask_project', projectId, nonce };
}

function optionButton(o: PickOption, nonce: string): CardElement {
  const label = o.place ? `${o.name}（${o.place} · ${o.code}）` : `${o.name}（${o.code}）`;
  return { ...button(clip(label, 100), askProjectValue(o.projectId, nonce)), width: 'fill' };
}

export type PickVM = { query: string; total: number; options: PickOption[]; nonce: string };

/** At most this many buttons; more matches are counted and the asker is told how to narrow them. */
export const PICK_MAX = 10;

export function renderPickCard(vm: PickVM): Card {
  const shown = vm.options.slice(0, PICK_MAX);
  const elements: CardElement[] = [];
  if (vm.total > shown.length) elements.push(text(T.more(vm.total, shown.length), 'grey'));
  elements.push(markdown(T.hint), ...shown.map((o) => optionButton(o, vm.nonce)));
  return card({
    title: T.title,
    subtitle: T.subtitle(clip(vm.query, 30), vm.total),
    template: 'wathet',
    summary: T.summary(clip(vm.query, 30)),
    elements,
  });
}

export type NotFoundVM = {
  query: string;
  projects: PickOption[];
  /** Counties, categories, units or leaders whose names are close: said, with how to ask about them. */
  others: Array<{ name: string; what: string }>;
  /** The group the question named, when it was searched alone (江北区没有名称含…的项目). */
  outside?: string | null;
  nonce: string;
};

export function renderNotFoundCard(vm: NotFoundVM): Card {
  const elements: CardElement[] = [text(vm.outside ? T.noneWithin(vm.outside, clip(vm.query, 30)) : T.notFound(clip(vm.query, 30)))];
  if (vm.projects.length || vm.others.length) {
    elements.push(markdown(T.maybe));
    for (const o of vm.others) elements.push(markdown(`- ${escapeMd(T.closestEntity(o.name, o.what))}`));
    elements.push(...vm.projects.slice(0, PICK_MAX).map((o) => optionButton(o, vm.nonce)));
  } else elements.push(text(T.noClosest, 'grey'));
  return card({ title: T.notFoundTitle, template: 'grey', summary: T.notFoundSummary(clip(vm.query, 30)), elements });
}

export type MaybeVM = {
  query: string;
  options: PickOption[];
  /** The group the question named when none of its projects matched (江北区), and what it is (县区). */
  outside: { label: string; what: string } | null;
  nonce: string;
};

/**
 * Projects only alike to what was asked (a slip, characters far apart or in another order), or matches outside the
 * group asked about: offered as "您要找的是不是：", even when there is one, never answered as if it were the one asked.
 */
export function renderMaybeCard(vm: MaybeVM): Card {
  const q = clip(vm.query, 30);
  const shown = vm.options.slice(0, PICK_MAX);
  const elements: CardElement[] = [text(vm.outside ? T.noneWithin(vm.outside.label, q) : T.notSure(q))];
  if (vm.options.length > shown.length) elements.push(text(T.more(vm.options.length, shown.length), 'grey'));
  if (shown.length === 0) elements.push(text(T.noClosest, 'grey'));
  else elements.push(markdown(vm.outside ? T.maybeOutside(vm.outside.what) : T.maybe), ...shown.map((o) => optionButton(o, vm.nonce)));
  return card({ title: T.maybeTitle, subtitle: T.maybeSubtitle(q), template: 'wathet', summary: T.maybeSummary(q), elements });
}
