// 年考核 as text: the county and unit rankings, investment completion and reporting timeliness side by side.
import { formatGapPoints, formatRate } from '../../domain/progress';
import { timeProgressWords } from './text';
import type { YearAssessment, YearRow } from '../../domain/analysis';
import { estimatedWords } from '../../domain/analysis-words';
import { formatYiNumber, wanToYuan } from '../../domain/money';
import { roundToString } from '../../domain/exact';
import { EVALUATION_METHOD, evaluationLines } from '../../../cards/answer/evaluation';

function table(label: string, rows: readonly YearRow[]): string[] {
  if (rows.length === 0) return ['暂无数据。'];
  const head = `${label} | 项目个数 | 年度计划(亿元) | 累计完成(亿元) | 完成率 | 与序时进度差(个百分点) | 完成率排名 | 按时报送率 | 报送排名`;
  return [
    head,
    ...rows.map((r) =>
      [
        r.name,
        String(r.projects),
        formatYiNumber(wanToYuan(r.annualPlanWan)),
        formatYiNumber(wanToYuan(r.completedWan)),
        formatRate(r.completionRate),
        formatGapPoints(r.gapPoints),
        String(r.rank),
        formatRate(r.onTimeRate),
        String(r.timelinessRank),
      ].join(' | '),
    ),
  ];
}

export function yearText(a: YearAssessment): string {
  const [, m, d] = a.asOf.split('-').map(Number) as [number, number, number];
  const tp = timeProgressWords(a.timeProgress, a.timeProgressRule, a.timeProgressBasis ?? undefined);
  const head = [
    `${a.year}年度重点项目建设考核排名`,
    `（数据截至${a.year}年${m}月${d}日${a.published ? '，采用已发布的月通报数据' : ''}；序时进度${tp}；计划口径：${a.planVersion}；报送情况统计全年已截止的${a.rounds}轮周调度）`,
  ];
  if (!a.final) head.push(`${a.year}年度尚未结束，以下为截至${m}月底的情况。`);
  head.push(estimatedWords(a));
  const note = '说明：完成率排名以完成率最高者为第1名；按时报送率＝按时报送的项目轮次÷应报项目轮次，补报、未报送均不计为按时；名次相同者并列。';
  const parts = [head.join('\n'), ['一、县区排名', ...table('县区', a.counties)].join('\n'), ['二、责任单位排名', ...table('责任单位', a.units)].join('\n')];
  // The ended year's 综合评价, by the same parts and weights as the half-year ranking (absent while the year runs).
  if (a.evaluation) {
    const units = a.evaluation.units.map((r) => `${r.rank}. ${r.name} ${roundToString(r.score, 2)}分`);
    parts.push(['三、综合评价排序', EVALUATION_METHOD, '县区：', ...evaluationLines(a.evaluation.counties), '责任单位：', ...units].join('\n'));
  }
  return [...parts, note].join('\n\n');
}
