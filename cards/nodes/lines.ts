// 节点控制 in words, once: a node's line as the CLI, the chat answers, the weekly form and the escalation messages say it.
import { type Card, type CardElement, card, text } from '../elements';
import { type NodeState, nodeLight, nodeStateText } from '../../src/domain/nodes';

export type NodeLineVM = {
  code: string;
  projectName: string;
  countyName: string;
  unitName: string;
  name: string;
  kind: string | null;
  plannedOn: string;
  doneOn: string | null;
  state: NodeState;
};

/** '2026年9月30日'. */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const LIGHT_WORD = { red: '红灯', yellow: '黄灯' } as const;

/** "【红灯】主体封顶（计划2026年9月30日）：逾期12天". */
export function nodeOnlyLine(n: Pick<NodeLineVM, 'name' | 'kind' | 'plannedOn' | 'doneOn' | 'state'>): string {
  const light = nodeLight(n.state);
  const head = light ? `【${LIGHT_WORD[light]}】` : '';
  const kind = n.kind && n.kind !== n.name ? `〔${n.kind}〕` : '';
  return `${head}${n.name}${kind}（计划${cnDate(n.plannedOn)}）：${nodeStateText(n.state, n.doneOn)}`;
}

/** The same with its project: "LJ2026-003 迎宾大道快速化改造工程（江北区 · 市交通运输局）【红灯】主体封顶…". */
export function nodeLine(n: NodeLineVM): string {
  return `${n.code} ${n.projectName}（${n.countyName} · ${n.unitName}）${nodeOnlyLine(n)}`;
}

export const nodeTexts = {
  noNodes: (year: number) => `${year}年度还没有项目节点计划，请重点项目办在项目库中导入“节点计划”工作表。`,
  none: (what: string) => `目前没有${what}。`,
  overdueTitle: (n: number) => `逾期节点（${n}个）`,
  monthTitle: (month: number, n: number) => `本月（${month}月）到期节点（${n}个）`,
  projectTitle: (name: string) => `${name}节点计划`,
  projectHead: (total: number, done: number, overdue: number, upcoming: number, days: number) =>
    `共${total}个节点，已完成${done}个，逾期未完成${overdue}个，${days}天内到期${upcoming}个。`,
  rule: (days: number) => `逾期（计划完成日期已过、未完成）为红灯；${days}天内到期为黄灯。`,
};

/** A card of node lines: red lines for overdue nodes, a grey note (the rule, or what is left out) at the foot. */
export function renderNodesCard(title: string, head: string, rows: Array<{ line: string; red: boolean }>, note: string): Card {
  const elements: CardElement[] = [text(head)];
  const shown = rows.slice(0, MAX_ROWS);
  for (const r of shown) elements.push(r.red ? text(r.line, 'red') : text(r.line));
  if (rows.length > shown.length)
    elements.push(text(`另有${rows.length - shown.length}个节点未列出，可用命令行 diaodu nodes list 查看全部。`, 'grey', 'notation'));
  elements.push(text(note, 'grey', 'notation'));
  return card({ title, template: rows.some((r) => r.red) ? 'red' : 'blue', summary: title, elements });
}

/** Within the card's 200 components and 30 KB. */
const MAX_ROWS = 60;
