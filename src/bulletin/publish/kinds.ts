// What approval and publication need of a bulletins row, whatever its kind: the monthly bulletin (月通报, with its
// 附表), the quarter's analysis (季分析) or the year's assessment (年考核). One machinery (publish.ts, messages.ts)
// runs all three; this is the only place that tells them apart.
import { renderQuarterCards, renderYearCards, analysisTexts, quarterHeadline, yearHeadline } from '../../../cards/bulletin/analysis';
import { bulletinTitle, renderBulletinCards } from '../../../cards/bulletin/cards';
import { periodText } from '../../../cards/bulletin/format';
import { headline } from '../../../cards/bulletin/sections';
import type { Card } from '../../../cards/elements';
import {
  type BulletinKind,
  parseQuarterSnapshot,
  parseYearSnapshot,
  type QuarterAnalysis,
  serializeAnalysis,
  type YearAssessment,
} from '../../domain/analysis';
import type { Bulletin } from '../../domain/bulletin';
import { parseSnapshot, serializeSnapshot } from '../../domain/bulletin-snapshot';
import { type TourResult, tourResultSchema } from '../../domain/tours';
import { tourKey } from '../../tours/results';
import { rankingHeadline, rankingTexts, renderRankingCards } from '../../../cards/tours/ranking';

export type Publication = {
  kind: BulletinKind;
  /** The period key: '2026-10', '2026-Q3', '2026'. */
  key: string;
  title: string;
  headline: string;
  cards(o?: { draft?: boolean }): Card[];
  /** The attachment's file name (the monthly 附表), or null when the kind has none. */
  fileName: string | null;
  /** Projects the attachment lists (0 without one). */
  projects: number;
  snapshot(): string;
  /** The monthly bulletin itself (its 附表 rows tell the approval card how complete the month-end figures are). */
  bulletin?: Bulletin;
};

/** "2026年1–10月全市重点项目完成情况表.xlsx" */
export function workbookName(b: Bulletin): string {
  return `${periodText(b)}全市重点项目完成情况表.xlsx`;
}

export function monthPublication(b: Bulletin): Publication {
  return {
    kind: 'month',
    key: b.month,
    bulletin: b,
    title: bulletinTitle(b),
    headline: headline(b),
    cards: (o) => renderBulletinCards(b, o),
    fileName: workbookName(b),
    projects: b.table.length,
    snapshot: () => serializeSnapshot(b),
  };
}

export function quarterPublication(q: QuarterAnalysis): Publication {
  return {
    kind: 'quarter',
    key: q.quarter,
    title: analysisTexts.quarterTitle(q.quarter),
    headline: quarterHeadline(q),
    cards: (o) => renderQuarterCards(q, o),
    fileName: null,
    projects: 0,
    snapshot: () => serializeAnalysis({ kind: 'quarter', value: q }),
  };
}

export function yearPublication(a: YearAssessment): Publication {
  return {
    kind: 'year',
    key: String(a.year),
    title: analysisTexts.yearTitle(a.year),
    headline: yearHeadline(a),
    cards: (o) => renderYearCards(a, o),
    fileName: null,
    projects: 0,
    snapshot: () => serializeAnalysis({ kind: 'year', value: a }),
  };
}

export function tourPublication(r: TourResult): Publication {
  return {
    kind: 'tour',
    key: tourKey(r.id),
    title: rankingTexts.title(r.name),
    headline: rankingHeadline(r),
    cards: (o) => renderRankingCards(r, o),
    fileName: null,
    projects: 0,
    snapshot: () => JSON.stringify({ version: 1, kind: 'tour', value: r }),
  };
}

/** A stored row as what it is. */
export function publicationOf(row: { kind: string; snapshot: string }): Publication {
  if (row.kind === 'tour') return tourPublication(tourResultSchema.parse((JSON.parse(row.snapshot) as { value?: unknown }).value));
  if (row.kind === 'quarter') return quarterPublication(parseQuarterSnapshot(row.snapshot));
  if (row.kind === 'year') return yearPublication(parseYearSnapshot(row.snapshot));
  return monthPublication(parseSnapshot(row.snapshot));
}

/** "月通报" / "季度分析" / "年度考核排名", for logs and messages. */
export const kindName: Record<BulletinKind, string> = { month: '月通报', quarter: '季度分析', year: '年度考核排名', tour: '观摩评分排名' };
