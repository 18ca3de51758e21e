// 统计监测's rules by hand: the threshold is "more than", compared exactly; a small project (under 500万元) is not
// expected to be 入库; a never-reported project is not compared; the order a reader acts on.
import { describe, expect, it } from 'vitest';
import { differsBeyond, mismatchLine, statsMismatches } from '../../src/domain/statistics';

const wan = (w: number) => w * 10_000;
const project = (code: string, reportedWan: number | null, o: { totalWan?: number; started?: boolean } = {}) => ({
  code,
  name: `项目${code}`,
  totalInvestmentYuan: wan(o.totalWan ?? 10_000),
  reportedYuan: reportedWan === null ? null : wan(reportedWan),
  started: o.started ?? true,
});
const figure = (code: string, statsWan: number | null, inLibrary = true) => ({
  code,
  name: null,
  statsYuan: statsWan === null ? null : wan(statsWan),
  inLibrary,
});

describe('statsMismatches', () => {
  it('flags only what is more than the threshold, exactly at the boundary', () => {
    expect(differsBeyond(wan(1100), wan(1000), 10)).toBe(false); // exactly 10 %
    expect(differsBeyond(wan(1100) + 1, wan(1000), 10)).toBe(true); // one 元 more
    expect(differsBeyond(wan(900), wan(1000), 10)).toBe(false);
    expect(differsBeyond(wan(1125), wan(1000), 12.5)).toBe(false);
    expect(differsBeyond(wan(1126), wan(1000), 12.5)).toBe(true);
    expect(differsBeyond(1, 0, 10)).toBe(true);
    expect(differsBeyond(0, 0, 10)).toBe(false);
  });

  it('every kind, in order: differences largest first, then not 入库 in register order, then what the register lacks', () => {
    const projects = [
      project('A', 1200), // +20 %
      project('B', 600), // −40 %
      project('C', 1050), // +5 %: fine
      project('D', 300, { totalWan: 400 }), // started, under 500万元: not expected 入库
      project('E', 700), // started, 否
      project('F', null), // 入库, never reported: not compared
      project('G', 0, { started: false }), // not started, absent: nothing
    ];
    const figures = [
      figure('A', 1000),
      figure('B', 1000),
      figure('C', 1000),
      figure('E', null, false),
      figure('F', 500),
      figure('Z', 80),
      figure('Y', 5, false),
    ];
    expect(statsMismatches(projects, figures, 10)).toEqual([
      { code: 'B', name: '项目B', reportedWan: 600, statsWan: 1000, diffPercent: -40, kind: 'difference' },
      { code: 'A', name: '项目A', reportedWan: 1200, statsWan: 1000, diffPercent: 20, kind: 'difference' },
      { code: 'E', name: '项目E', reportedWan: 700, statsWan: null, diffPercent: null, kind: 'not_in_library' },
      { code: 'Z', name: '（统计表未填项目名称）', reportedWan: null, statsWan: 80, diffPercent: null, kind: 'not_in_register' },
    ]);
  });

  it('says each flag in words with both figures', () => {
    const [b] = statsMismatches([project('B', 600)], [figure('B', 1000)], 10);
    expect(mismatchLine(b!)).toBe('B 项目B：调度累计完成600.00万元，统计1,000.00万元，调度数较统计数低40.0%');
    // A statistical figure of 0: nothing to divide by, said plainly (no "调度数较统计数统计数为0").
    const [z] = statsMismatches([project('Z0', 150)], [figure('Z0', 0)], 10);
    expect(z).toMatchObject({ kind: 'difference', diffPercent: null });
    expect(mismatchLine(z!)).toBe('Z0 项目Z0：调度累计完成150.00万元，统计0.00万元，统计数为0，无法按比例计算差异');
  });
});
