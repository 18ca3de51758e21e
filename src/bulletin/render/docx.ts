// The bulletin as a Word document in the layout of an official document (党政机关公文格式, GB/T 9704 in spirit): the
// 红头 (the title in red), the 期号 line, the office and the date above a red rule, the nine sections under headings
// 一、二、…, the county ranking and the laggards as tables, and the 落款 (office and date) at the end. The words are
// the text renderer's (src/bulletin/render/text.ts), so the .docx says exactly what the text and the cards say.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { chineseDate, issueInName, issueShown, periodText } from '../../../cards/bulletin/format';
import type { Bulletin, BulletinIssue } from '../../domain/bulletin';
import { formatGapPoints, formatLight, formatRate } from '../../domain/progress';
import { formatYiNumber, wanToYuan } from '../../domain/money';
import { issuedBasis, issuedSections, NUMERALS } from './text';

const RED = 'C00000';
/** 三号 (16 pt) body, 二号 (22 pt) title: half-points as Word counts them. */
const BODY = 32;
const TITLE = 44;
const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const XIAOBIAOSONG = '方正小标宋简体';
/** Rows of the laggards' table (worst first); the 附表 has every project. */
const LAGGING_ROWS = 100;

const run = (text: string, o: { font?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: o.font ?? FANGSONG, size: o.size ?? BODY, bold: o.bold, color: o.color });

const body = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: { line: 560 } });

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: 21, bold })] })] });
}

function table(head: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

function countyTable(b: Bulletin): Table {
  return table(
    ['排名', '县区', '项目个数', '年度计划(亿元)', '累计完成(亿元)', '完成率', '与序时进度差(个百分点)', '本月新增(亿元)'],
    [...b.counties]
      .sort((x, y) => x.rank - y.rank)
      .map((c) => [
        String(c.rank),
        c.name,
        String(c.projects),
        formatYiNumber(wanToYuan(c.annualPlanWan)),
        formatYiNumber(wanToYuan(c.completedWan)),
        formatRate(c.completionRate),
        formatGapPoints(c.gapPoints),
        formatYiNumber(wanToYuan(c.monthNewWan)),
      ]),
  );
}

function laggingTable(b: Bulletin): Table {
  return table(
    ['序号', '项目名称', '县区', '责任单位', '完成率', '与序时进度差(个百分点)', '预警'],
    b.lagging
      .slice(0, LAGGING_ROWS)
      .map((l, i) => [String(i + 1), l.name, l.county, l.unit, formatRate(l.completionRate), formatGapPoints(l.gapPoints), formatLight(l.light)]),
  );
}

/** The 红头: title in red, the 期号, then the office and date over a red rule. */
function redHead(b: Bulletin, issue: BulletinIssue, draft: boolean): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(issue.title, { font: XIAOBIAOSONG, size: TITLE * 1.5, color: RED })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(issueShown(issue, draft))] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      spacing: { after: 360 },
      children: [run(`${issue.office}　　　　${chineseDate(issue.date)}`)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(`${periodText(b)}全市重点项目建设情况`, { font: XIAOBIAOSONG, size: TITLE })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(issuedBasis(b), { size: 24 })] }),
  ];
}

/** The body: each section under its heading; the county ranking and the laggards as tables instead of text lines. */
function sections(b: Bulletin): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const [i, [title, lines]] of issuedSections(b).entries()) {
    out.push(new Paragraph({ spacing: { before: 240, line: 560 }, indent: { firstLine: 640 }, children: [run(`${NUMERALS[i]}、${title}`, { font: HEITI })] }));
    if (title === '分县区完成情况' && b.counties.length > 0) {
      // The text's head line, then the table in place of its header and rows, then what follows them (each county's 倒排).
      out.push(body(lines[0] ?? ''), countyTable(b), ...lines.slice(2 + b.counties.length).map(body));
      continue;
    }
    if (title === '未达序时进度项目清单' && b.lagging.length > 0) {
      const heads = lines.filter((l) => !/^\d+\. /.test(l) && l !== '按预警程度排列：');
      out.push(...heads.map(body));
      if (b.lagging.length > LAGGING_ROWS) out.push(body(`表中列出最落后的${LAGGING_ROWS}个项目，其余${b.lagging.length - LAGGING_ROWS}个见附表。`));
      out.push(laggingTable(b));
      continue;
    }
    out.push(...lines.map(body));
  }
  return out;
}

function signature(issue: BulletinIssue): Paragraph[] {
  const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, children: [run(text)] });
  return [new Paragraph({ spacing: { before: 720 }, children: [] }), right(issue.office), right(chineseDate(issue.date))];
}

export type DocxOptions = {
  /** A draft (the preview sent for approval, an export of a month not published): the 期号 marked 拟, as on the draft card. */
  draft?: boolean;
};

/** The issued bulletin as .docx bytes. A bulletin of before 期号 (version 1) is given the issue passed in. */
export async function bulletinDocx(b: Bulletin, fallback?: BulletinIssue, o: DocxOptions = {}): Promise<Buffer> {
  const draft = o.draft === true;
  const issue = b.issue ?? fallback;
  if (!issue) throw new Error('月通报没有期号和发文单位，无法生成 Word 文件');
  const withIssue = { ...b, issue };
  const doc = new Document({
    creator: issue.office,
    title: `${issue.title}（${issueInName(issue, draft)}）`,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [...redHead(withIssue, issue, draft), ...sections(withIssue), ...signature(issue)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
