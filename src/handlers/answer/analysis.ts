// "三季度分析", "年度考核排名": the quarter's analysis (季分析) and the year's assessment (年考核) in chat, for
// administrators and leaders. An administrator's request composes a draft and sends it for approval (preview and
// approval card to every administrator, as the monthly bulletin); 发布 then posts it to the bulletin groups, once. A
// leader who is not an administrator gets the cards for themselves. Once published, everyone asking gets what was
// published.
import { renderQuarterCards, renderYearCards } from '../../../cards/bulletin/analysis';
import type { Card } from '../../../cards/elements';
import { quarterAnalysis } from '../../bulletin/compose/quarter';
import { yearAssessment } from '../../bulletin/compose/year';
import { parseQuarter } from '../../bulletin/month';
import { publicationOf } from '../../bulletin/publish/kinds';
import type { SubmitOutcome } from '../../bulletin/publish/publish';
import { monthBulletins } from '../../bulletin/publish/store';
import type { Db } from '../../db/connect';
import { hasRegister } from '../../db/register';
import { loadSettings } from '../../db/settings';
import { quarterShort, quarterTitle } from '../../domain/analysis';
import { shanghaiDate } from '../../domain/progress';
import { type PeriodQuestion, type ResolvedPeriod, resolvePeriod } from '../../domain/question-period';
import type { Asker } from './asker';
import type { Answer } from './reply';

/** Composes a draft of a quarter ('2026-Q3') or a year ('2026') and sends it for approval; given only where a request can be approved (chat). */
export type AnalysisPublisher = (kind: 'quarter' | 'year', key: string) => Promise<SubmitOutcome>;

export const analysisTexts = {
  notAllowed: '季度分析和年度考核排名向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。',
  quarterNotEnded: (year: number, q: 1 | 2 | 3 | 4) => {
    const next = q === 4 ? `${year + 1}年1月初` : `${q * 3 + 1}月初`;
    return `${year}年${quarterShort(q)}尚未结束，季度分析在${next}季度结束、各项目报送${q * 3}月底累计完成投资后提供。可先问“全市进度”了解截至目前的完成情况。`;
  },
  yearNotEnded: (year: number) =>
    `${year}年度尚未结束，年度考核排名在${year + 1}年1月初年度结束、各项目报送12月底累计完成投资后提供。可先问“全市进度”了解截至目前的完成情况。`,
  noRegister: (year: number) => `${year}年度项目库尚未导入，没有该年度的数据，无法编制。`,
  noData: (what: string) => `${what}暂无可用数据，无法编制。`,
  sent: (title: string, admins: number, groups: number) =>
    admins === 0
      ? `已编制${title}，但没有可接收审定的管理员：请设置管理员（diaodu settings set admins）后重新发送。`
      : `已编制${title}，连同审定卡片发送给${admins}名管理员审定（见本单聊中的卡片）；点“发布”后发送到${groups}个通报群${groups ? '' : '（尚未设置通报群）'}。`,
  claimed: (title: string) => `${title}已编制并送管理员审定，请查看审定卡片。`,
};
const T = analysisTexts;

const titleOf = (r: Extract<ResolvedPeriod, { ok: true }>) =>
  r.kind === 'quarter' ? `${quarterTitle(r.key)}重点项目建设分析` : `${r.year}年度重点项目建设考核排名`;

const withCards = (cards: Card[]): Answer => {
  const [first, ...more] = cards;
  return first ? { card: first, more } : { text: '' };
};

async function freshCards(db: Db, now: Date, r: Extract<ResolvedPeriod, { ok: true }>): Promise<Card[] | null> {
  const { settings } = await loadSettings(db);
  if (r.kind === 'quarter') {
    const q = parseQuarter(r.key);
    const a = q ? await quarterAnalysis(db, q, { settings, now }) : null;
    return a ? renderQuarterCards(a) : null;
  }
  const a = await yearAssessment(db, r.year, { settings, now });
  return a ? renderYearCards(a) : null;
}

export async function answerPeriod(db: Db, now: Date, asker: Asker, intent: PeriodQuestion, publisher: AnalysisPublisher | null): Promise<Answer> {
  if (!asker.actor.isAdmin && !asker.isLeader) return { text: T.notAllowed };
  const r = resolvePeriod(intent, shanghaiDate(now));
  if (!r.ok) return { text: r.kind === 'quarter' && r.quarter ? T.quarterNotEnded(r.year, r.quarter) : T.yearNotEnded(r.year) };
  if (!(await hasRegister(db, r.year))) return { text: T.noRegister(r.year) };
  const title = titleOf(r);
  const published = (await monthBulletins(db, r.key)).find((row) => row.status === 'published' && row.kind === r.kind);
  if (published) {
    return withCards(publicationOf(published).cards());
  }
  if (asker.actor.isAdmin && publisher) {
    const outcome = await publisher(r.kind, r.key);
    switch (outcome.kind) {
      case 'draft':
        return { text: T.sent(title, outcome.admins, outcome.groups.length) };
      case 'claimed':
        return { text: T.claimed(title) };
      case 'empty':
        return { text: T.noData(title) };
      case 'alreadyPublished':
        return withCards(publicationOf(outcome.row).cards());
      case 'published':
        break;
    }
  }
  const cards = await freshCards(db, now, r);
  return cards ? withCards(cards) : { text: T.noData(title) };
}
