// The working-day calendar and the weekly round's dates: one import for callers, built from the official data and the settings.
import { officialCalendarData } from './calendar-data';
import { createWorkCalendar, type WorkCalendar } from './calendar-days';
import type { Settings } from './settings';

export * from './calendar-dates';
export * from './calendar-days';
export * from './calendar-round';
export { calendarDataFrom, officialCalendarData } from './calendar-data';

/** The calendar in force: the official schedule with the administrators' corrections (calendar.corrections) over it. */
export function workCalendarOf(settings: Pick<Settings, 'calendar.corrections'>): WorkCalendar {
  return createWorkCalendar(officialCalendarData, settings['calendar.corrections']);
}
