// When a question names several projects (a list to pick from), or none (the closest names, also to pick from).
import { button, card, clip, escapeMd, markdown, text, type Card, type CardElement } from '../elements';
import { pickTexts as T } from './texts';

export type PickOption = { projectId: number; code: string; name: string };

/** The value a pick button calls back with; `nonce` makes each rendered card's clicks its own (see on-card-action). */
export function askProjectValue(projectId: number, nonce: string): Record<string, unknown> {
  return { kind: 'ask_project', projectId, nonce };
}

function optionButton(o: PickOption, nonce: string): CardElement {
  return { ...button(`${o.name}（${o.code}）`, askProjectValue(o.projectId, nonce)), width: 'fill' };
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
  nonce: string;
};

export function renderNotFoundCard(vm: NotFoundVM): Card {
  const elements: CardElement[] = [text(T.notFound(clip(vm.query, 30)))];
  if (vm.projects.length || vm.others.length) {
    elements.push(markdown(T.closest));
    for (const o of vm.others) elements.push(markdown(`- ${escapeMd(T.closestEntity(o.name, o.what))}`));
    elements.push(...vm.projects.slice(0, PICK_MAX).map((o) => optionButton(o, vm.nonce)));
  } else elements.push(text(T.noClosest, 'grey'));
  return card({ title: T.notFoundTitle, template: 'grey', summary: T.notFoundSummary(clip(vm.query, 30)), elements });
}
