// Answers about 四个一批 and the 储备库: the city's conversion rate and counties, one county's chain with its
// enterprises, the reserve, and the counties short of reserve. Figures are totals, shown to whoever sees the city's
// totals; a county's enterprise list only to those who see that county's projects.
import { fourBatchesCountyLine, fourBatchesLines, renderLinesCard, reserveCountyLine, reserveLines, shortCounties } from '../../../cards/batches/lines';
import { reserveOf } from '../../batches/figures';
import { enterprisesOf } from '../../db/batches';
import { fourBatches } from '../../domain/batches';
import { shanghaiDay } from '../../domain/calendar';
import { formatRate } from '../../domain/format';
import { maySeeCity } from '../../domain/question-access';
import type { BatchIntent } from '../../domain/question-batches';
import { loadSettings } from '../../db/settings';
import { texts } from '../texts';
import { stageText } from '../batches/view';
import type { Asker } from './asker';
import type { AnswerBook } from './book';
import type { Answer } from './reply';

const NO_BATCHES = (year: number) => `${year}年度还没有四个一批（招商项目）数据，请重点项目办在项目库中导入“招商项目”工作表。`;
const NO_RESERVE = '储备库中还没有项目，请重点项目办在项目库中导入“储备项目”工作表。';

export async function answerBatches(book: AnswerBook, asker: Asker, intent: BatchIntent): Promise<Answer> {
  const v = asker.visibility;
  const county = intent.kind === 'reserve_short' ? null : intent.county;
  const countyName = county === null ? null : (book.index.names.county.get(county) ?? null);
  const seesCounty = county !== null && (v.all || v.countyIds.has(county));
  if (!maySeeCity(v) && !seesCounty) return { text: texts.noCityAccess };
  const today = shanghaiDay(book.now);
  const month = Number(today.slice(5, 7));
  const asOf = `截至${month}月${Number(today.slice(8, 10))}日`;
  if (intent.kind === 'batches') {
    const list = await enterprisesOf(book.db, book.planYear);
    if (list.length === 0) return { text: NO_BATCHES(book.planYear) };
    const { settings } = await loadSettings(book.db);
    const fb = fourBatches(list, today, month, settings['batches.targets']);
    if (countyName === null) return { card: renderLinesCard(`${book.planYear}年四个一批转化率`, fourBatchesLines(fb, month, asOf)) };
    const row = fb.counties.find((c) => c.name === countyName);
    const mine = list.filter((e) => e.countyId === county);
    const lines = [row ? `${asOf}，${fourBatchesCountyLine(row)}（${month}月底目标${formatRate(fb.target)}）。` : `${asOf}，${countyName}暂无签约企业。`];
    if (seesCounty) for (const e of mine) lines.push(`${e.code} ${e.name}：${stageText(e)}`);
    else if (mine.length > 0) lines.push('企业名单仅对本县区查看人员、包联领导和管理员显示。');
    return { card: renderLinesCard(`${countyName}四个一批`, lines) };
  }
  const reserve = await reserveOf(book.db, book.planYear);
  if (!reserve) return { text: NO_RESERVE };
  if (intent.kind === 'reserve_short') {
    const short = shortCounties(reserve);
    const lines = short.length ? short.map((c) => reserveCountyLine(c)) : ['目前各县区储备均不低于设定比例。'];
    return { card: renderLinesCard(`储备不足的县区（${short.length}个）`, [`与${book.planYear}年度计划投资相比：`, ...lines]) };
  }
  if (countyName !== null) {
    const row = reserve.counties.find((c) => c.name === countyName);
    return { card: renderLinesCard(`${countyName}储备项目`, [row ? reserveCountyLine(row) : `${countyName}暂无储备项目。`]) };
  }
  return { card: renderLinesCard('重大项目储备库', reserveLines(reserve)) };
}
