// Answers about 节点控制: the overdue nodes, the nodes due this month (of the city or a county), and one project's
// nodes. Each asker sees the nodes of the projects they may see; the card says which rule lit each node.
import { nodeLine, nodeOnlyLine, nodeTexts, renderNodesCard } from '../../../cards/nodes/lines';
import { maySeeProject } from '../../domain/question-access';
import { shanghaiDay } from '../../domain/calendar';
import type { Intent } from '../../domain/question';
import { byUrgency, nodeViews, upcomingDaysSetting } from '../nodes/view';
import { texts } from '../texts';
import type { Asker } from './asker';
import type { AnswerBook } from './book';
import type { Answer } from './reply';

type NodeQuestion = Extract<Intent, { kind: 'nodes_overdue' | 'nodes_month' | 'project_nodes' }>;

export async function answerNodes(book: AnswerBook, asker: Asker, intent: NodeQuestion): Promise<Answer> {
  const v = asker.visibility;
  const today = shanghaiDay(book.now);
  const days = await upcomingDaysSetting(book.db);
  const all = await nodeViews(book.db, book.planYear, {}, today, days);
  if (all.length === 0) return { text: nodeTexts.noNodes(book.planYear) };
  const rule = `截至${today}。${nodeTexts.rule(days)}`;
  if (intent.kind === 'project_nodes') {
    const mine = all.filter((n) => n.projectId === intent.projectId);
    const place = book.register.projects.find((p) => p.id === intent.projectId);
    if (place && !maySeeProject(v, place)) return { text: texts.noCityAccess };
    const name = place?.name ?? mine[0]?.projectName ?? '';
    if (mine.length === 0) return { text: `${name}没有节点计划（项目库“节点计划”工作表中没有该项目）。` };
    const count = (s: string) => mine.filter((n) => n.state.state === s).length;
    const head = nodeTexts.projectHead(mine.length, count('done'), count('overdue'), count('upcoming'), days);
    const rows = mine.map((n) => ({ line: nodeOnlyLine(n), red: n.state.state === 'overdue' }));
    return { card: renderNodesCard(nodeTexts.projectTitle(name), head, rows, rule) };
  }
  const county = intent.county;
  const inScope = all.filter((n) => maySeeProject(v, n) && (county === null || n.countyId === county));
  const countyName = county === null ? '' : (book.index.names.county.get(county) ?? '');
  if (intent.kind === 'nodes_overdue') {
    const list = inScope.filter((n) => n.state.state === 'overdue').sort(byUrgency);
    const title = `${countyName}${nodeTexts.overdueTitle(list.length)}`;
    const head = list.length ? `计划完成日期已过、尚未完成的节点${list.length}个，按逾期天数从多到少：` : nodeTexts.none('逾期未完成的节点');
    return {
      card: renderNodesCard(
        title,
        head,
        list.map((n) => ({ line: nodeLine(n), red: true })),
        rule,
      ),
    };
  }
  const month = today.slice(0, 7);
  const list = inScope
    .filter((n) => n.plannedOn.startsWith(month))
    .sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : a.plannedOn > b.plannedOn ? 1 : a.code.localeCompare(b.code)));
  const done = list.filter((n) => n.state.state === 'done').length;
  const title = `${countyName}${nodeTexts.monthTitle(Number(month.slice(5)), list.length)}`;
  const head = list.length ? `计划本月完成的节点${list.length}个，已完成${done}个，未完成${list.length - done}个：` : nodeTexts.none('计划本月完成的节点');
  return {
    card: renderNodesCard(
      title,
      head,
      list.map((n) => ({ line: nodeLine(n), red: n.state.state === 'overdue' })),
      rule,
    ),
  };
}
