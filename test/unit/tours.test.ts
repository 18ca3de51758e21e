// 观摩's rules by hand: scores within each maximum to one decimal, the trimmed mean from five judges, shared ranks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, parseScores, tourRanking, trimmedMean } from '../../src/domain/tours';

describe('观摩 scoring', () => {
  it('reads a sheet: every criterion, within its maximum, at most one decimal', () => {
    expect(parseScores(DEFAULT_CRITERIA, ['25', '２６', '18.5', 17])).toEqual({ ok: true, tenths: [250, 260, 185, 170], totalTenths: 865 });
    expect(parseScores(DEFAULT_CRITERIA, ['25', '', '18', '17'])).toEqual({ ok: false, reason: '请填写“投资强度”的得分' });
    expect(parseScores(DEFAULT_CRITERIA, ['25', '26', '20.5', '17'])).toEqual({ ok: false, reason: '“质量安全”的得分不能超过满分 20 分' });
    expect(parseScores(DEFAULT_CRITERIA, ['25', '26', '18.25', '17'])).toEqual({ ok: false, reason: '“质量安全”的得分应为 0 到 20 之间的数，最多一位小数' });
    expect(parseScores(DEFAULT_CRITERIA, ['-1', '26', '18', '17']).ok).toBe(false);
  });

  it('drops one highest and one lowest total from five judges, not from four', () => {
    expect(trimmedMean([700, 720, 740, 760])).toEqual({ score: 73, judges: 4, dropped: null });
    expect(trimmedMean([800, 750, 900, 600, 850])).toEqual({ score: 80, judges: 5, dropped: { high: 90, low: 60 } });
    // Two equal highest: only one is dropped.
    expect(trimmedMean([900, 900, 800, 700, 600])).toEqual({ score: 80, judges: 5, dropped: { high: 90, low: 60 } });
    expect(trimmedMean([])).toBeNull();
  });

  it('ranks projects and counties; equal scores share a rank; an unscored project comes last, unranked', () => {
    const projects = [
      { code: 'A', name: '甲', county: '东区' },
      { code: 'B', name: '乙', county: '西区' },
      { code: 'C', name: '丙', county: '东区' },
      { code: 'D', name: '丁', county: '南区' },
    ];
    const scores = [
      { code: 'A', judge: '张', totalTenths: 800 },
      { code: 'B', judge: '张', totalTenths: 900 },
      { code: 'C', judge: '张', totalTenths: 900 },
    ];
    const r = tourRanking(projects, scores, ['张']);
    expect(r.projects.map((p) => [p.code, p.score, p.rank])).toEqual([
      ['B', 90, 1],
      ['C', 90, 1],
      ['A', 80, 3],
      ['D', null, null],
    ]);
    expect(r.counties).toEqual([
      { name: '西区', projects: 1, score: 90, rank: 1 },
      { name: '东区', projects: 2, score: 85, rank: 2 },
    ]);
  });
});
