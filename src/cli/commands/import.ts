// `diaodu import FILE.xlsx`: validates the whole project register, then writes it in one transaction, or nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { applyRegister } from '../../register/apply';
import { formatProblem, type Problem, sortProblems } from '../../register/problems';
import { loadNames, loadReference, loadReserveCodes } from '../../register/reference';
import { checkBatchNames, checkReserveLinks } from '../../register/validate-batches';
import { formatSummary, yearHint } from '../../register/summary';
import { validateRegister } from '../../register/validate';
import { readRegisterFile } from '../../register/workbook';
import type { CliIO, Command } from '../command';

/** The plan year is the calendar year in China, whatever zone the server runs in. */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

function printProblems(io: CliIO, problems: Problem[]): void {
  io.err(`项目库文件有 ${problems.length} 处问题，未写入任何数据。请改正后重新导入：`);
  for (const p of problems) io.err(formatProblem(p));
}

async function readBytes(path: string): Promise<Uint8Array | string> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `找不到文件：${path}`;
    if (code === 'EISDIR') return `${path} 是一个目录，请给出 .xlsx 文件的路径`;
    if (code === 'EACCES') return `没有读取 ${path} 的权限`;
    return `无法读取 ${path}：${(err as Error).message}`;
  }
}

export const importCommand: Command = {
  name: 'import',
  writes: (v) => v['dry-run'] !== true,
  summary: '导入项目库（.xlsx：项目、单位、领导三张工作表），先全部校验，无误才写入',
  help: `用法：diaodu import 文件.xlsx [--year 年度] [--dry-run] [--drop-missing]

导入重点项目库。工作簿应有三张工作表，第一行为表头：
  项目  项目编号 项目名称 所属县区 项目类别 建设性质 项目级别 责任单位 包联领导 建设单位
        总投资(万元) 年度计划投资(万元) 截至上年底累计完成投资(万元) 计划开工日期 计划竣工日期 建设内容
        （可另有“投资项目代码”列）
  单位  责任单位 填报人 填报人手机 填报人邮箱 负责人 负责人手机 负责人邮箱（每位填报人一行）
  领导  姓名 职务 手机 邮箱
另有两张工作表可选（没有时库中已有的数据不变）：
  招商项目  编号 企业名称 所属县区 责任单位 签约日期 计划投资(万元) [开工日期 投产日期 达效日期]（四个一批）
  储备项目  储备编号 项目名称 所属县区 类别 总投资(万元) 阶段(谋划/前期/具备开工条件) 计划开工年份 责任单位
“项目”表可另有“储备编号”列：由储备项目转入的重点项目填写，导入后与储备库关联。
也可导入“项目”表另存的 .csv（UTF-8）：此时责任单位和包联领导须已在数据库中，单位、人员和角色不作改动。

先校验每一行，发现任何问题都会逐条列出（工作表、行号、列名、值、原因）并退出，不写入任何数据。
同一年度再次导入时按项目编号更新：计划数（总投资、年度计划投资、截至上年底累计、计划开工/竣工日期）
有变化的记为新版本，旧版本保留；文件中没有的项目只列出，不改动。

选项：
  --year 年度       计划年度（默认为当前年份，按北京时间）
  --dry-run         只校验并显示将要发生的变更，不写入数据库
  --drop-missing    把本年度数据库中有、而文件中没有的项目标记为调出计划

示例：
  diaodu import 2026年重点项目库.xlsx --dry-run
  diaodu import 2026年重点项目库.xlsx --year 2026`,
  options: {
    year: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'drop-missing': { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const path = positionals[0];
    if (!path || positionals.length > 1) {
      ctx.io.err('请给出一个项目库文件，例如：diaodu import 2026年重点项目库.xlsx（详见 diaodu import --help）');
      return 2;
    }
    let year = shanghaiYear(ctx.clock.now());
    if (values.year !== undefined) {
      const text = String(values.year).trim();
      if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100) {
        ctx.io.err(`--year 应为四位年份，例如 --year 2026（收到“${text}”）`);
        return 2;
      }
      year = Number(text);
    }
    const bytes = await readBytes(path);
    if (typeof bytes === 'string') {
      ctx.io.err(bytes);
      return 1;
    }
    const fileName = basename(path);
    const file = await readRegisterFile(bytes, fileName);
    if (!file.ok) {
      printProblems(ctx.io, file.problems);
      return 1;
    }
    // An .xlsx is checked before the database is opened; a CSV needs the database's units and leaders to check against.
    const opened = file.value.source === 'csv' ? await ctx.openDb() : null;
    const register = validateRegister(file.value, opened ? await loadReference(opened.db) : null, year);
    if (!register.ok) {
      printProblems(ctx.io, register.problems);
      return 1;
    }
    const { db } = opened ?? (await ctx.openDb());
    // A 储备编号 not in the file's 储备项目 sheet must already be in the reserve (imported with an earlier year).
    const inFile = new Set((register.value.reserve ?? []).map((r) => r.code));
    const late: Problem[] = register.value.projects.some((p) => p.reserveCode && !inFile.has(p.reserveCode))
      ? checkReserveLinks(register.value.projects, inFile, await loadReserveCodes(db))
      : [];
    // A 所属县区 or 类别 of the two optional sheets must be one the register knows: a typo is not a new county.
    const reg = register.value;
    if (reg.enterprises || reg.reserve) {
      const stored = await loadNames(db);
      const unknownNames = checkBatchNames(
        { enterprises: reg.enterprises ?? [], reserve: reg.reserve ?? [] },
        { counties: [...reg.projects.map((p) => p.county), ...stored.counties], categories: [...reg.projects.map((p) => p.category), ...stored.categories] },
      );
      late.push(...unknownNames);
    }
    if (late.length > 0) {
      printProblems(ctx.io, sortProblems(late));
      return 1;
    }
    const hint = yearHint(register.value, year);
    if (hint) ctx.io.err(hint);
    const summary = await applyRegister(db, register.value, {
      year,
      now: ctx.clock.now(),
      dryRun: values['dry-run'] === true,
      fileName,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      dropMissing: values['drop-missing'] === true,
    });
    ctx.io.out(formatSummary(summary));
    return 0;
  },
};
