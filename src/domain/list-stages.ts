// 新开工 (and those of them not yet started), 竣工 and 计划竣工 lists: which projects each holds, from the register's 建设性质 (新开工 starts this year,
// 竣工 finishes this year; domain.md) and the latest reported 项目状态 (未开工 / 在建 / 停工 / 半停工 / 竣工 / 投产).

export type StageList = 'new_start' | 'not_started' | 'completed' | 'completion_planned';

export const STAGE_LISTS: readonly StageList[] = ['new_start', 'not_started', 'completed', 'completion_planned'];

export function isStageList(list: string): list is StageList {
  return (STAGE_LISTS as readonly string[]).includes(list);
}

/** A reported 项目状态 (its label) that means the works are finished. */
export const isFinished = (status: string | null) => status === '竣工' || status === '投产';

/** A reported 项目状态 that means the works have begun (anything reported but 未开工). */
export const isStarted = (status: string | null) => status !== null && status !== '未开工';

/**
 * Whether a project belongs to the list: 新开工 — planned to start this year (建设性质 新开工); 未开工 — such a project
 * not reported started (未开工, or no report yet: not known to have started); 计划竣工 — planned to
 * finish this year (建设性质 竣工); 竣工 — reported 竣工 or 投产 in its latest report, whatever its 建设性质.
 */
export function inStageList(list: StageList, nature: string, status: string | null): boolean {
  switch (list) {
    case 'new_start':
      return nature === '新开工';
    case 'not_started':
      return nature === '新开工' && !isStarted(status);
    case 'completion_planned':
      return nature === '竣工';
    case 'completed':
      return isFinished(status);
  }
}
