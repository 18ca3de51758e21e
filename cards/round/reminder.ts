// The weekly round's reminder (周四): the same words as before, now on a card with a button to the unit's list card
// (and, in the first round of a plan year, to the year-end card), so the reporter is one tap from the form.
import { button, card, type Card, type CardElement, text } from '../elements';
import { reminderTexts as T } from '../texts';

export type ReminderVM = {
  periodId: number;
  unitId: number;
  unitName: string;
  weekLabel: string;
  /** The reminder of this week's projects, as roundTexts.reminder words it; null when only year-end figures are missing. */
  weekly: string | null;
  /** The reminder of the year-end figures (roundTexts.yearEndReminder), or null. */
  yearEnd: string | null;
  /** Added to the buttons' value, so that a click on this card is told apart from a click on another. */
  nonce: string;
};

export function renderReminderCard(vm: ReminderVM): Card {
  const elements: CardElement[] = [];
  if (vm.weekly) {
    elements.push(text(vm.weekly));
    elements.push(button(T.openList, { kind: 'round_list', periodId: vm.periodId, unitId: vm.unitId, page: 0, nonce: vm.nonce }, { type: 'primary' }));
  }
  if (vm.yearEnd) {
    elements.push(text(vm.yearEnd));
    elements.push(button(T.openYearEnd, { kind: 'yearend_list', periodId: vm.periodId, unitId: vm.unitId, page: 0, nonce: vm.nonce }, { type: 'primary' }));
  }
  return card({
    title: T.title,
    subtitle: T.subtitle(vm.unitName, vm.weekLabel),
    template: 'orange',
    summary: vm.weekly ?? vm.yearEnd ?? T.title,
    elements,
  });
}
