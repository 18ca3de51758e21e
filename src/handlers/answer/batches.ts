// Answers about 四个一批 and the 储备库: the city's conversion rate and counties, one county's chain with its
// enterprises, the reserve, and the counties short of reserve. Figures are totals, shown to whoever sees the city's
// totals; a county's enterprise list only to those who see that county's projects.
import { fourBatchesCountyLine, fourBatchesLines, renderLinesCard, reserveCountyLine, reserveLines, shortCounties } from '../../../cards/batches/lines';
import { renderListCard } from '../../../cards/answer/list';
import { moreValue } from '../../../cards/answer/rows';
import { listTexts } from '../../../cards/answer/texts';
import { reserveOf } from '../../batches/figures';
import { reserveProjects } from '../../db/reserve';
import { formatYi } from '../../domain/money';
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

/** A page of a list answer (更多): from which item, and the question its 更多 button asks again. */
export type BatchListOptions = { from?: number; question?: string; nonce?: string };

export async function answerBatches(book: AnswerBook, asker: Asker, intent: BatchIntent, o: BatchListOptions = {}): Promise<Answer> {
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
  if (county !== null && countyName !== null) {
    // A county's reserve: its line, then its projects still in the reserve (to those who see the county), paged.
    const row = reserve.counties.find((c) => c.name === countyName);
    const head = `与${book.planYear}年度计划投资相比：${row ? reserveCountyLine(row) : `${countyName}暂无在库储备项目`}。`;
    const title = `${countyName}储备项目`;
    if (!seesCounty) return { card: renderLinesCard(title, [head, '储备项目名单仅对本县区查看人员、包联领导和管理员显示。']) };
    const all = await reserveProjects(book.db, { countyId: county });
    const pool = all.filter((r) => r.promotedTo === null);
    const promoted = all.length - pool.length;
    if (o.from && o.from >= pool.length) return { text: listTexts.noMore(pool.length) };
    const rows = pool.map((r) => ({
      name: `${r.code} ${r.name}`,
      stage: r.stage,
      total: formatYi(r.totalYuan),
      year: r.startYear === null ? '未填' : `${r.startYear}年`,
      category: r.categoryName,
    }));
    return {
      card: renderListCard({
        title,
        subtitle: `${countyName} · 谋划→前期→具备开工条件`,
        summary: title,
        lines: [head, ...(promoted > 0 ? [`另有${promoted}个已列入重点项目，不再计入储备。`] : [])],
        sections: [
          {
            head: null,
            columns: [
              { name: 'name', title: '项目', block: 'title' },
              { name: 'stage', title: '阶段', label: '阶段：' },
              { name: 'total', title: '总投资', label: '总投资：' },
              { name: 'year', title: '计划开工年份', label: '计划开工：' },
              { name: 'category', title: '类别', label: '类别：', block: 'line' },
            ],
            rows,
            empty: `${countyName}暂无在库储备项目。`,
          },
        ],
        footer: '储备项目按储备编号排列；阶段以责任单位最近一次季度确认为准。',
        paging: { from: o.from ?? 0, unit: '个', more: o.question ? moreValue(o.question, o.nonce ?? '') : null, exportValue: null },
      }),
    };
  }
  return { card: renderLinesCard('重大项目储备库', reserveLines(reserve)) };
}
