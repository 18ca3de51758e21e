// As of when, and from whom: the wording that tells a figure of this week's report from one carried from an earlier
// week, and a group's totals from how many projects reported this week. One place, so every answer says it alike.

/**
 * The current week's round as an answer sees it: `open` (reporting, before the deadline), `closed` (the deadline has
 * passed), `not_open` (its round has not started yet) or `none` (a week without a round: no working day).
 */
export type WeekState = 'open' | 'closed' | 'not_open' | 'none';

export type ThisWeek = {
  /** "第46周". */
  short: string;
  state: WeekState;
};

/** How a group's figures stand this week: reported this week, carried from an earlier week, never reported. */
export type Freshness = {
  week: ThisWeek;
  thisWeek: number;
  carried: number;
  none: number;
  /** The earliest and latest week ("第43周") a carried figure comes from; null when none is carried. */
  carriedFrom: string | null;
  carriedTo: string | null;
};

/** "首次填报" for a week's first report, "第2次修改" for its third revision. */
export const revisionText = (revision: number) => (revision > 1 ? `第${revision - 1}次修改` : '首次填报');

/** Why this week has no report of its own: "本周（第46周）尚未填报" and the like; of a group, "本周（第46周）尚无项目填报". */
function notThisWeek(w: ThisWeek, o: { named?: boolean; group?: boolean } = {}): string {
  const week = o.named === false ? '本周' : `本周（${w.short}）`;
  switch (w.state) {
    case 'open':
      return o.group ? `${week}尚无项目填报` : `${week}尚未填报`;
    case 'closed':
      return o.group ? `${week}无项目填报` : `${week}未填报`;
    case 'not_open':
      return `${week}调度尚未开始`;
    case 'none':
      return `${week}不开展周调度`;
  }
}

const weeksOf = (from: string | null, to: string | null) => (from === null || to === null ? '' : from === to ? `（${from}）` : `（${from}至${to}）`);

export const asOfTexts = {
  /** The project card's 最新填报: "第48周（…），市住建局 张三于11月25日（周三）10:00第2次修改". */
  latest: (week: string, unit: string, by: string | null, at: string, revision: number) =>
    `${week}，${unit}${by ? ` ${by}` : ''}于${at}${revisionText(revision)}`,
  /** Appended to 最新填报 when that report is not this week's: "；本周（第46周）尚未填报，沿用第45周填报". */
  carried: (w: ThisWeek, from: string) => `；${notThisWeek(w)}，沿用${from}填报`,
  /** A figure's source, in brackets after it: "第48周 市住建局 张三 第2次修改" or "本周未填报，沿用第45周填报". */
  source: (week: string, unit: string, by: string | null, revision: number) => `${week} ${unit}${by ? ` ${by}` : ''} ${revisionText(revision)}`,
  carriedSource: (w: ThisWeek, from: string) => `${notThisWeek(w, { named: false })}，沿用${from}填报`,
  /** Figures worked out from a report: "按第45周填报计算". */
  from: (week: string) => `按${week}填报计算`,
  /**
   * How a group's figures stand: "本周（第49周）已填报2个，其余118个按最近一次填报（第45周至第48周）计算，另有3个暂无填报".
   * No full stop: the caller goes on. `withNone: false` leaves the projects without any report to a sentence of the caller's.
   */
  freshness: (f: Freshness, o: { withNone?: boolean } = {}) => {
    const w = f.week;
    const withFigures = f.thisWeek + f.carried;
    const none = f.none > 0 && o.withNone !== false ? `，另有${f.none}个暂无填报` : '';
    if (withFigures === 0) return `各项目均暂无填报`;
    const carriedWeeks = weeksOf(f.carriedFrom, f.carriedTo);
    if (f.thisWeek === 0) {
      return `${notThisWeek(w, { group: true })}，${f.carried}个项目按最近一次填报${carriedWeeks}计算${none}`;
    }
    if (f.carried === 0) return `本周（${w.short}）已填报${f.thisWeek}个${none}`;
    return `本周（${w.short}）已填报${f.thisWeek}个，其余${f.carried}个按最近一次填报${carriedWeeks}计算${none}`;
  },
};
