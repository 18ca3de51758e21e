// 附表 (domain.md §5.9): the full project table of a bulletin as an .xlsx workbook, with the county ranking beside
// it. Amounts are numbers (万元 in the project table, 亿元 in the county table) shown through number formats, so
// they can be summed in Excel; rates are Excel percentages; the header rows stay in view when scrolling.
//
// Written with ExcelJS's streaming writer: each row is committed to the zip as it is added. The in-memory Workbook held
// every cell of 10,000 projects as objects and took ~170 MB more at its peak while writing — in the server process,
// where the monthly job builds it.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatLight } from '../../domain/progress';
import { wanToYiNumber, wanToYuanChecked, yuanToWan } from '../../domain/money';
import { estimateMark } from '../../../cards/bulletin/format';
import { timeProgressText } from './text';
import type { Bulletin } from '../../domain/bulletin';

const WAN = '#,##0.00';
const YI = '#,##0.00';
const RATE = '0.0%';
const POINTS = '+0.0;-0.0;0.0';

type Column = { header: string; width: number; format?: string };

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;
type Sheet = ReturnType<Writer['addWorksheet']>;

function sheetWithTitle(wb: Writer, name: string, title: string, note: string, columns: Column[]): Sheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 3 }] });
  ws.columns = columns.map((c) => ({ width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(2, 1).value = note;
  ws.mergeCells(2, 1, 2, columns.length);
  const head = ws.getRow(3);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.numFmt = '@';
  });
  head.commit();
  return ws;
}

const ratio = (percent: number | null) => (percent === null ? null : percent / 100);

function projectSheet(wb: Writer, b: Bulletin, title: string, note: string): void {
  const month = Number(b.month.slice(5));
  const columns: Column[] = [
    { header: '序号', width: 6 },
    { header: '项目编号', width: 14 },
    { header: '项目名称', width: 36 },
    { header: '所属县区', width: 10 },
    { header: '项目类别', width: 10 },
    { header: '项目级别', width: 8 },
    { header: '建设性质', width: 8 },
    { header: '责任单位', width: 22 },
    { header: '包联领导', width: 8 },
    { header: '总投资(万元)', width: 14, format: WAN },
    { header: '年度计划投资(万元)', width: 14, format: WAN },
    { header: `截至${month}月底累计完成投资(万元)`, width: 16, format: WAN },
    { header: '年度投资完成率', width: 10, format: RATE },
    { header: '与序时进度差(个百分点)', width: 12, format: POINTS },
    { header: '预警', width: 6 },
    { header: '项目状态', width: 8 },
    { header: '形象进度', width: 40 },
    { header: '备注', width: 24 },
  ];
  const ws = sheetWithTitle(wb, '附表', title, note, columns);
  b.table.forEach((r, i) => {
    const remark =
      r.completedWan === null
        ? '暂无填报'
        : r.estimated
          ? b.issue
            ? `${estimateMark(r.estimatedFrom)}：未填报${month}月底数，按月底前最近一次填报数计`
            : `估：未填报${month}月底数，按月底前最近一次填报数计`
          : null;
    ws.addRow([
      i + 1,
      r.code,
      r.name,
      r.county,
      r.category,
      r.level,
      r.nature,
      r.unit,
      r.leader,
      r.totalInvestmentWan,
      r.annualPlanWan,
      r.completedWan,
      ratio(r.completionRate),
      r.gapPoints,
      r.light === null ? null : formatLight(r.light),
      r.status,
      r.progressText,
      remark,
    ]).commit();
  });
  if (b.issue) {
    // 全市合计: the city's figures as the summary states them (the rate and gap of the whole, not a sum of rates).
    const total = ws.addRow([
      null,
      null,
      '全市合计',
      null,
      null,
      null,
      null,
      null,
      null,
      sumWan(b.table.map((r) => r.totalInvestmentWan)),
      b.annualPlanWan,
      b.completedWan,
      ratio(b.completionRate),
      b.gapPoints,
      null,
      null,
      `${b.projects}个项目`,
      null,
    ]);
    total.font = { bold: true };
    total.commit();
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: columns.length } };
  ws.commit();
}

/** A sum of 万元 figures, exact: added as integer 元 and turned back into 万元. */
const sumWan = (wan: readonly number[]) => yuanToWan(wan.reduce((s, w) => s + wanToYuanChecked(w), 0));

function countySheet(wb: Writer, b: Bulletin, title: string, note: string): void {
  const order = b.countyOrder === 'lowest_first' ? '按完成率由低到高排列' : '按完成率由高到低排列';
  const ws = sheetWithTitle(wb, '分县区', title.replace('明细表', '分县区完成情况'), `${note}；${order}`, [
    { header: '县区', width: 12 },
    { header: '项目个数', width: 10 },
    { header: '年度计划(亿元)', width: 14, format: YI },
    { header: '累计完成(亿元)', width: 14, format: YI },
    { header: '完成率', width: 10, format: RATE },
    { header: '与序时进度差(个百分点)', width: 12, format: POINTS },
    { header: '本月新增(亿元)', width: 14, format: YI },
    { header: '排名', width: 6 },
  ]);
  for (const c of b.counties) {
    ws.addRow([
      c.name,
      c.projects,
      wanToYiNumber(c.annualPlanWan),
      wanToYiNumber(c.completedWan),
      ratio(c.completionRate),
      c.gapPoints,
      wanToYiNumber(c.monthNewWan),
      c.rank,
    ]).commit();
  }
  ws.commit();
}

/** The bulletin's 附表 as .xlsx bytes; the same bulletin always gives the same workbook content. */
export async function bulletinWorkbook(b: Bulletin): Promise<Buffer> {
  const [y, m, d] = b.asOf.split('-').map(Number) as [number, number, number];
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((res, rej) => {
    out.once('end', res);
    out.once('error', rej);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '调度助手';
  wb.created = new Date(b.composedAt);
  wb.modified = new Date(b.composedAt);
  const title = `${y}年${m}月重点项目建设情况明细表`;
  const note = `数据截至${y}年${m}月${d}日；序时进度${timeProgressText(b)}；计划口径：${b.planVersion}`;
  projectSheet(wb, b, title, note);
  countySheet(wb, b, title, note);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
