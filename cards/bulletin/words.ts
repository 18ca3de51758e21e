// Sentences of a version 2 bulletin said the same way in the text, the cards and the .docx: 环比 and the 估 list.
import type { Bulletin } from '../../src/domain/bulletin';
import { formatGap, formatRate } from '../../src/domain/progress';
import { estimateMark, pointsChange } from './format';

/** A long list cut short for reading: the first `max`, then "等N个" (the 附表 and the JSON have them all). */
export function cappedList(items: readonly string[], max: number): string {
  return items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')}等${items.length}个`;
}

/** The estimated projects by name and unit, each with its 估 mark. */
export function estimatedNames(b: Bulletin): string[] {
  return b.table.filter((r) => r.estimated).map((r) => `${r.name}（${r.unit}，${estimateMark(r.estimatedFrom)}）`);
}

/** 环比: the rate and the gap at the end of last month against this month, and the projects newly 进度滞后. */
export function changeLines(b: Bulletin): string[] {
  const c = b.change;
  if (!c) return b.change === null ? ['本月为年度首月，不作环比。'] : [];
  const prev = Number(c.previousMonth.slice(5));
  const month = Number(b.month.slice(5));
  const out: string[] = [];
  if (c.completionRate !== null && b.completionRate !== null && c.gapPoints !== null && b.gapPoints !== null) {
    out.push(
      `环比：年度计划完成率由${prev}月底的${formatRate(c.completionRate)}变为${month}月底的${formatRate(b.completionRate)}，${pointsChange(b.completionRate, c.completionRate)}；` +
        `与序时进度相比，由${formatGap(c.gapPoints)}变为${formatGap(b.gapPoints)}。`,
    );
  }
  const red = c.newLaggards.filter((l) => l.light === 'red').length;
  out.push(
    c.newLaggards.length === 0
      ? `本月无新增进度滞后项目。`
      : `本月新增进度滞后项目${c.newLaggards.length}个（红灯${red}个、黄灯${c.newLaggards.length - red}个）：${cappedList(
          c.newLaggards.map((l) => l.name),
          10,
        )}。`,
  );
  return out;
}
