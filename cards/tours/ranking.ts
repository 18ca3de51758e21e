// The 观摩 ranking as published to the bulletin groups after approval: projects and counties ranked, each project's
// judges, the totals dropped when five judges or more scored, so every score can be traced to the sheets.
import { formatScore, type TourResult } from '../../src/domain/tours';
import { card, markdown, text, type Card } from '../elements';

export const rankingTexts = {
  title: (name: string) => `${name}评分排名`,
  subtitle: (date: string, judges: number) => `观摩日期：${date} · 评委${judges}人`,
  rule: (criteria: TourResult['criteria']) =>
    `评分项：${criteria.map((c) => `${c.name}${c.max}分`).join('、')}。项目得分为各评委合计分的平均分，评委5人及以上时去掉一个最高分和一个最低分；县区得分为本县区观摩项目得分的平均分。`,
  projects: '**项目排名**',
  counties: '**县区排名**',
  unscored: '未评分',
  summary: (n: number) => `观摩项目${n}个，得分排名`,
};
const T = rankingTexts;

/** One line per project, in rank order: "1. 名称（县区）86.25分（6名评委，去掉最高92分、最低70分）". */
export function projectLines(r: TourResult): string[] {
  return r.projects.map((p) => {
    if (p.score === null) return `— ${p.code} ${p.name}（${p.county}）：${T.unscored}`;
    const drop = p.dropped ? `，去掉最高${p.dropped.high}分、最低${p.dropped.low}分` : '';
    return `${p.rank}. ${p.code} ${p.name}（${p.county}）：${formatScore(p.score)}（${p.judges}名评委${drop}）`;
  });
}

export function countyLines(r: TourResult): string[] {
  return r.counties.map((c) => `${c.rank}. ${c.name}：${formatScore(c.score)}（${c.projects}个项目）`);
}

export function renderRankingCards(r: TourResult, o: { draft?: boolean } = {}): Card[] {
  const elements = [
    ...(o.draft ? [text('待审定：以下为将发到通报群的内容。', 'grey', 'notation')] : []),
    text(T.rule(r.criteria), 'grey', 'notation'),
    markdown(T.projects),
    text(projectLines(r).join('\n')),
    markdown(T.counties),
    text(countyLines(r).join('\n') || '—'),
  ];
  return [card({ title: T.title(r.name), subtitle: T.subtitle(r.date, r.judges.length), template: 'blue', summary: T.summary(r.projects.length), elements })];
}

export function rankingHeadline(r: TourResult): string {
  const top = r.projects[0];
  return top && top.score !== null
    ? `${r.name}：${r.projects.length}个项目，第1名${top.name}（${formatScore(top.score)}）`
    : `${r.name}：${r.projects.length}个项目`;
}
