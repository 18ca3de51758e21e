// The sample register is generated (src/sample/): the committed workbooks are exactly what the generator writes, and
// the register has the shape the sandbox and the tests rely on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { invalidRegister, PROJECT_HEADINGS, SAMPLE_SEED, sampleRegister } from '../../src/sample/generate';
import { INVALID_REGISTER, invalidBytes, SAMPLE_REGISTER, sampleBytes } from '../../src/sample/files';
import { mulberry32 } from '../../src/sample/prng';

describe('the generated sample register', () => {
  it('is committed exactly as the generator writes it (npm run sample rewrites it)', async () => {
    expect((await sampleBytes()).equals(readFileSync(SAMPLE_REGISTER)), '重新生成的 registry-sample.xlsx 与仓库中的不同：请运行 npm run sample').toBe(true);
    expect((await invalidBytes()).equals(readFileSync(INVALID_REGISTER)), '重新生成的 registry-invalid.xlsx 与仓库中的不同：请运行 npm run sample').toBe(true);
  });

  it('gives the same bytes for the same seed, and other rows for another seed', async () => {
    expect((await sampleBytes()).equals(await sampleBytes())).toBe(true);
    expect(sampleRegister(SAMPLE_SEED)).toEqual(sampleRegister(SAMPLE_SEED));
    expect(sampleRegister(SAMPLE_SEED + 1).项目).not.toEqual(sampleRegister(SAMPLE_SEED).项目);
    const a = mulberry32(7);
    const b = mulberry32(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('has the shape of a city register: projects across counties and units, reporters, heads and leaders', () => {
    const s = sampleRegister();
    const projects = s.项目.slice(1);
    const at = (h: (typeof PROJECT_HEADINGS)[number]) => PROJECT_HEADINGS.indexOf(h);
    expect(projects).toHaveLength(120);
    expect(new Set(projects.map((p) => p[at('项目编号')])).size).toBe(120);
    expect(new Set(projects.map((p) => p[at('项目名称')])).size).toBe(120);
    expect(new Set(projects.map((p) => p[at('所属县区')])).size).toBe(11);
    expect(new Set(projects.map((p) => p[at('建设性质')]))).toEqual(new Set(['续建', '新开工', '竣工', '前期']));
    const units = new Set(s.单位.slice(1).map((r) => r[0]));
    expect(units.size).toBe(24);
    expect(s.单位.length - 1).toBe(32);
    expect(new Set(projects.map((p) => p[at('责任单位')]))).toEqual(units);
    expect(s.领导.slice(1).map((r) => r[1])[0]).toBe('市长');
    expect(s.领导.length - 1).toBe(12);
    const leaders = new Set(s.领导.slice(1).map((r) => r[0]));
    for (const p of projects) {
      expect(leaders.has(p[at('包联领导')] as string)).toBe(true);
      const [total, annual, prior] = [at('总投资(万元)'), at('年度计划投资(万元)'), at('截至上年底累计完成投资(万元)')].map((i) => p[i] as number);
      expect(annual! > 0 && annual! + prior! <= total!, String(p[0])).toBe(true);
      if (p[at('建设性质')] === '新开工') expect(String(p[at('计划开工日期')]).startsWith('2026-')).toBe(true);
      if (p[at('建设性质')] === '竣工') expect(String(p[at('计划竣工日期')]).startsWith('2026-')).toBe(true);
    }
    const mobiles = [...s.单位.slice(1).flatMap((r) => [r[2], r[5]]), ...s.领导.slice(1).map((r) => r[2])];
    expect(new Set(mobiles).size).toBe(68);
  });

  it('spoils six rows of the invalid register, one defect each', () => {
    const s = invalidRegister();
    expect(s.项目).toHaveLength(21);
    const row = (n: number) => s.项目[n - 1]!;
    expect(row(4)[PROJECT_HEADINGS.indexOf('年度计划投资(万元)')]).toBe(-500);
    expect(row(7)[0]).toBe(row(6)[0]);
    expect(row(13)[1]).toBe('');
  });
});
