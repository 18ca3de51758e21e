// What the bot can answer, with examples: for 帮助, and for a question it did not understand.
import { card, clip, escapeMd, hr, markdown, text, type Card, type CardElement } from '../elements';
import { metricHelp } from './metrics';
import { helpTexts as T } from './texts';

export type HelpVM = { notUnderstood?: string | null };

export function renderHelpCard(vm: HelpVM = {}): Card {
  const elements: CardElement[] = [];
  if (vm.notUnderstood) elements.push(text(T.notUnderstood(clip(vm.notUnderstood, 50))));
  elements.push(text(T.intro));
  for (const [head, examples] of [...T.sections, ...metricHelp]) elements.push(markdown(`**${head}**\n${escapeMd(examples)}`));
  elements.push(hr(), text(T.access, 'grey', 'notation'));
  return card({ title: T.title, template: 'blue', summary: T.summary, elements });
}
