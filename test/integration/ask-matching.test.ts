// Issue 18 (honest matching) through answerQuestion against a small change of the sample register: names only alike
// are offered as "您要找的是不是：" and never answered as the project asked for; a county asked with a name narrows it
// or says it has none; leaders by title; "我们单位的项目" for a unit viewer; a code's serial; 新开工/竣工 lists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../cards/text-render';
import { runCli } from '../../src/cli/main';
import { answerQuestion } from '../../src/handlers/answer/answer';
import { askerFor } from '../../src/handlers/answer/asker';
import { col, copySheets, readSheets, SAMPLE, type Sheets, writeWorkbook } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { checkCardRules } from '../helpers/card-rules';
import { captureIo } from '../helpers/io';

const NOW = new Date('2026-11-12T10:00:00+08:00');

/**
 * The sample register with the names of issue 18's examples: no project named 滨江大道 any more (迎宾大道 instead), one of
 * 西山县 called 西山县临江大道快速化改造工程, one of 东阳县 called 东阳县环城北路快速化改造工程, and 江北区's 安置房二期
 * renamed, so that 江北区 has none. A unit viewer of 市住房城乡建设局 is granted in the 权限 sheet.
 */
const base = await readSheets(SAMPLE);
const P = base.项目!;
const NAME = col(P, '项目名称');
const COUNTY = col(P, '所属县区');
const CODE = col(P, '项目编号');
const UNIT = col(P, '责任单位');
const NATURE = col(P, '建设性质');
const rows = P.slice(1);
const rowIn = (county: string, not: string[] = []) => rows.find((r) => r[COUNTY] === county && !not.includes(String(r[CODE])))!;
const WEST = rowIn('西山县');
const EAST = rowIn('东阳县');
const JB_RESETTLEMENT = rows.find((r) => r[COUNTY] === '江北区' && String(r[NAME]).includes('安置房二期'))!;
const VIEWER = { name: '单位查看员吴涛', mobile: '13700000002', unit: String(JB_RESETTLEMENT[UNIT]) };

function world(): Sheets {
  const s = copySheets(base);
  for (const r of s.项目!.slice(1)) {
    if (r[CODE] === WEST[CODE]) r[NAME] = '西山县临江大道快速化改造工程';
    else if (r[CODE] === EAST[CODE]) r[NAME] = '东阳县环城北路快速化改造工程';
    else if (r[CODE] === JB_RESETTLEMENT[CODE]) r[NAME] = '江北区梅林棚户区改造工程';
    else r[NAME] = String(r[NAME]).replace('滨江大道', '迎宾大道');
  }
  s.权限 = [
    ['姓名', '手机', '角色', '县区/单位'],
    [VIEWER.name, VIEWER.mobile, '单位查看', VIEWER.unit],
  ];
  return s;
}
const names = world()
  .项目!.slice(1)
  .map((r) => ({ code: String(r[CODE]), name: String(r[NAME]), county: String(r[COUNTY]), unit: String(r[UNIT]), nature: String(r[NATURE]) }));

const MAYOR = '13900010001';

describe.each(engines)('honest matching in answers on %s', (engine) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-match-'));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const path = join(dir, 'register.xlsx');
    await writeWorkbook(path, world());
    const env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url, DIAODU_NOW: NOW.toISOString() };
    const io = captureIo();
    expect(await runCli(['import', path, '--year', '2026'], env, io.io), io.err.join('\n')).toBe(0);
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (q: string, who = MAYOR) => {
    const a = await answerQuestion(t.db, NOW, await askerFor(t.db, who), q, 'nonce001');
    if ('card' in a) expect(checkCardRules(JSON.parse(JSON.stringify(a.card)) as Record<string, unknown>), q).toEqual([]);
    const text = 'card' in a ? renderCardText(a.card) : a.text;
    const buttons = 'card' in a ? (JSON.stringify(a.card).match(/"projectId":\d+/g)?.length ?? 0) : 0;
    return { ...a, text, buttons };
  };
  const idOf = async (code: string) => (await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  it('滨江大道 and 东环路 are offered as 您要找的是不是, never answered with a project card', async () => {
    for (const [q, name] of [
      ['滨江大道', '西山县临江大道快速化改造工程'],
      ['东环路', '东阳县环城北路快速化改造工程'],
      ['东环路进展怎么样', '东阳县环城北路快速化改造工程'],
    ] as const) {
      const a = await ask(q);
      expect(a.intent?.kind, q).toBe('maybe');
      expect(a.text, q).toContain('【请确认要查询的项目】');
      expect(a.text, q).toContain('您要找的是不是：');
      expect(a.text, q).toContain(`[${name}（`);
      // not the project's card: no figures
      expect(a.text, q).not.toContain('年度累计完成投资');
    }
  });

  it('a picked option is answered with that project: its button carries its id', async () => {
    const a = await ask('东环路');
    const code = names.find((p) => p.name === '东阳县环城北路快速化改造工程')!.code;
    expect(JSON.stringify('card' in a ? a.card : null)).toContain(`"kind":"ask_project","projectId":${await idOf(code)}`);
  });

  it('江北区安置房二期: 江北区 has none, said so; the others offered as from other counties', async () => {
    const a = await ask('江北区安置房二期');
    expect(a.intent?.kind).toBe('maybe');
    expect(a.text).toContain('江北区没有名称含“安置房二期”的项目。');
    expect(a.text).toContain('您要找的是不是以下其他县区的项目：');
    const others = names.filter((p) => p.name.includes('安置房二期'));
    expect(others.every((p) => p.county !== '江北区')).toBe(true);
    for (const p of others) {
      // a name without its county is labelled with it
      const label = p.name.startsWith(p.county) ? `[${p.name}（${p.code}）]` : `[${p.name}（${p.county} · ${p.code}）]`;
      expect(a.text).toContain(label);
    }
    expect(a.buttons).toBe(others.length);
  });

  it('a county with a name it has is that project only', async () => {
    const p = names.find((x) => x.county === '东阳县' && x.name.includes('安置房二期'))!;
    const a = await ask('东阳县安置房二期');
    expect(a.intent).toMatchObject({ kind: 'project', projectId: await idOf(p.code) });
    expect(a.text).toContain(`【${p.name}】`);
  });

  it('a bare serial is the project whose code ends with it; a small bare number or 第14个 is offered', async () => {
    for (const q of ['014', '14号项目', '第14个项目']) {
      const a = await ask(q);
      expect(a.intent, q).toMatchObject({ kind: 'project', projectId: await idOf('LJ2026-014') });
      expect(a.text, q).toContain('项目编号 LJ2026-014');
    }
    // 「第14个」 may answer a ranking just shown: the project is offered, not asserted.
    for (const q of ['14', '第14个']) {
      const a = await ask(q);
      expect(a.intent, q).toMatchObject({ kind: 'maybe' });
      expect(a.text, q).toContain('您要找的是不是');
      expect(a.text, q).not.toContain('项目编号 LJ2026-014');
    }
  });

  it('市长包联的项目 are the mayor’s; 副市长的项目 all deputies’, by name; a surname none has is said', async () => {
    const mayor = await ask('市长包联的项目');
    expect(mayor.text).toContain('【郭凤英同志包联的重点项目进展】');
    const exec = await ask('常务副市长联系的项目');
    expect(exec.text).toContain('【任正阳同志包联的重点项目进展】');
    const deputies = await ask('副市长的项目');
    expect(deputies.text).toContain('【副市长程晓峰、谢子轩、陈秀兰、马丹丹、王卫东同志包联的重点项目进展】');
    const none = await ask('张副市长的项目');
    expect(none).toMatchObject({ text: '没有姓张的副市长包联项目。项目库中的副市长：程晓峰、谢子轩、陈秀兰、马丹丹、王卫东。可发送“姓名+包联的项目”查询。' });
  });

  it('我们单位的项目 for a unit viewer is the unit’s; for a leader, a clear message', async () => {
    const count = names.filter((p) => p.unit === VIEWER.unit).length;
    const a = await ask('我们单位的项目', VIEWER.mobile);
    expect(a.text).toContain(`本单位（${VIEWER.unit}）重点项目共${count}个`);
    const leader = await ask('我们单位的项目');
    expect(leader).toMatchObject({ text: expect.stringContaining('您未登记为任何责任单位的填报人、负责人或查看人员') });
  });

  it('新开工 and 计划竣工 lists hold the projects of that 建设性质', async () => {
    const starts = names.filter((p) => p.nature === '新开工');
    const a = await ask('新开工项目');
    expect(a.text).toContain(`其中建设性质为新开工的${starts.length}个`);
    for (const p of starts.slice(0, 5)) expect(a.text).toContain(p.name);
    const ends = names.filter((p) => p.nature === '竣工');
    const b = await ask('计划竣工项目');
    expect(b.text).toContain(`其中建设性质为竣工（计划今年竣工）的${ends.length}个`);
    // no report yet in this world: none finished, every one not yet reported
    expect(b.text).toContain(`据最新填报已竣工或投产0个，竣工率0.0%；尚未填报${ends.length}个`);
    const c = await ask('已竣工项目');
    expect(c.text).toContain('暂无已竣工项目');
    // Those of the 新开工 not reported started: here every one, none having reported.
    const d = await ask('哪些新开工项目还没开工');
    expect(d.text).toContain(`其中建设性质为新开工的${starts.length}个，据最新填报尚未开工${starts.length}个（含尚未填报${starts.length}个）`);
  });

  it('a month asked is said not applied', async () => {
    const a = await ask('10月红灯项目');
    expect(a.text).toContain('未按“10月”筛选：以下为最新一周填报数据，未按所问时段计算。');
  });
});
