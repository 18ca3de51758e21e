// Issue 18 item 3: roles granted where the register lives. The optional 权限 sheet (姓名, 手机, 角色, 县区/单位) grants
// 县区查看, 单位查看 and 管理员, validated with the rest of the workbook and written in the same transaction;
// `diaodu roles list|grant|revoke` does the same by hand. A county viewer then gets 「江北区进度」 answered.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';
import { SAMPLE, copySheets, readSheets, sampleRegister, type Sheets, writeWorkbook } from '../fixtures/register-workbooks';
import { bj } from '../helpers/round';

const R = await sampleRegister();
const JB = '江北区';
const JB_PROJECTS = R.projects.filter((p) => p.county === JB);
const OTHER_COUNTY = R.projects.find((p) => p.county !== JB)!.county;
/** A unit none of whose projects are in 江北区, for the unit viewer. */
const UNIT = R.units.find((u) => u.projects.length > 0 && u.projects.every((p) => p.county !== JB))!;
const HEAD = ['姓名', '手机', '角色', '县区/单位'];
/** People only the 权限 sheet names: a county office's clerk, a unit's viewer, an administrator of the 重点项目办. */
const CLERK = { name: '江北区发改局周敏', mobile: '13700000001' };
const VIEWER = { name: '单位查看员吴涛', mobile: '13700000002' };
const OFFICE = { name: '重点项目办郑洁', mobile: '13700000003' };
const ROWS = [
  [CLERK.name, CLERK.mobile, '县区查看', JB],
  [VIEWER.name, VIEWER.mobile, '单位查看', UNIT.name],
  [OFFICE.name, OFFICE.mobile, '管理员', ''],
];

describe.each(engines)('roles in the register and on the command line on %s', (engine) => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-roles-'));
  let env: Record<string, string>;
  let base: Sheets;
  const cli = async (argv: string[], at = '2026-09-02 10:00') => {
    const io = captureIo();
    const code = await runCli(argv, { ...env, DIAODU_NOW: bj(at) }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };
  const importWith = async (name: string, roles: unknown[][] | null) => {
    const sheets = copySheets(base);
    if (roles) sheets.权限 = [HEAD, ...roles] as Sheets[string];
    const path = join(dir, name);
    await writeWorkbook(path, sheets);
    return cli(['import', path, '--year', '2026']);
  };
  const roleRows = async () =>
    Number(
      (
        await t.db
          .selectFrom('person_roles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url };
    base = copySheets(await readSheets(SAMPLE));
    const first = await importWith('register.xlsx', null);
    expect(first.code, first.err).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await t?.drop();
  });

  it('a 权限 sheet with mistakes is refused row by row, and nothing is written', async () => {
    const before = await roleRows();
    const people = (await t.db.selectFrom('people').select('id').execute()).length;
    const bad = await importWith('bad.xlsx', [
      ...ROWS,
      ['王五', '13700000004', '县区观察', JB],
      ['赵六', '13700000005', '县区查看', '东海县'],
      ['钱七', '13700000006', '管理员', JB],
      ['孙八', '13700000007', '单位查看', ''],
      [CLERK.name, CLERK.mobile, '县区查看', JB],
      ['另一个名字', R.units[0]!.reporters[0]!.mobile, '县区查看', JB],
    ]);
    expect(bad.code).toBe(1);
    for (const line of [
      '权限 第5行 「角色」 值“县区观察”：角色只能是 县区查看、单位查看、管理员 之一',
      '权限 第6行 「县区/单位」 值“东海县”：「项目」工作表中没有这个县区',
      `权限 第7行 「县区/单位」 值“${JB}”：管理员可查看全部项目，此列应留空`,
      '权限 第8行 「县区/单位」：单位查看须写明单位',
      '权限 第9行 「角色」 值“县区查看”：与第2行重复',
      `权限 第10行 「手机」 值“${R.units[0]!.reporters[0]!.mobile}”：该手机号已在「单位」`,
    ]) {
      expect(bad.err).toContain(line);
    }
    expect(await roleRows()).toBe(before);
    expect((await t.db.selectFrom('people').select('id').execute()).length).toBe(people);
  });

  it('a county viewer is refused 「江北区进度」 until the 权限 sheet grants it; then it is answered, other counties not', async () => {
    // Before: the clerk is in no sheet at all.
    expect((await cli(['ask', `${JB}进度`, '--as', CLERK.mobile])).out).toContain('尚未登记在重点项目库中');
    const ok = await importWith('with-roles.xlsx', ROWS);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('权限（县区查看、单位查看、管理员）：新增 3 个，移除 0 个（新增人员 3 人）');
    const answered = await cli(['ask', `${JB}进度`, '--as', CLERK.mobile]);
    expect(answered.code, answered.err).toBe(0);
    expect(answered.out).toContain(`${JB}重点项目共${JB_PROJECTS.length}个`);
    expect((await cli(['ask', `${OTHER_COUNTY}进度`, '--as', CLERK.mobile])).out).toContain(`您暂无权限查看${OTHER_COUNTY}的汇总数据`);
    // The unit viewer sees the unit's projects.
    expect((await cli(['ask', `${UNIT.name}的项目`, '--as', VIEWER.mobile])).out).toContain(`${UNIT.name}负责的重点项目共${UNIT.projects.length}个`);
    // The same file again changes nothing.
    expect((await importWith('with-roles.xlsx', ROWS)).out).toContain('权限（县区查看、单位查看、管理员）：新增 0 个，移除 0 个');

    const list = await cli(['roles', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('权限 3 个：');
    expect(list.out).toContain(`县区查看（${JB}）  ${CLERK.name}  ${CLERK.mobile}  来源：项目库「权限」表`);
    expect(list.out).toContain(`单位查看（${UNIT.name}）  ${VIEWER.name}  ${VIEWER.mobile}  来源：项目库「权限」表`);
    expect(list.out).toContain(`管理员  ${OFFICE.name}  ${OFFICE.mobile}  来源：项目库「权限」表`);
  });

  it('`roles revoke` and `roles grant` take effect at once; the next import keeps what was granted by hand', async () => {
    const revoked = await cli(['roles', 'revoke', CLERK.mobile, '县区查看', JB]);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toContain(`已撤销 ${CLERK.name} 的 县区查看（${JB}）权限。`);
    expect(revoked.out).toContain('请同时从表中删除该行，否则下次导入会重新授予');
    expect((await cli(['ask', `${JB}进度`, '--as', CLERK.mobile])).out).toContain('暂未分配查询权限');

    const granted = await cli(['roles', 'grant', CLERK.mobile, '县区查看', JB]);
    expect(granted.code, granted.err).toBe(0);
    expect(granted.out).toBe(`已授予 ${CLERK.name} 县区查看（${JB}）权限。`);
    expect((await cli(['ask', `${JB}进度`, '--as', CLERK.mobile])).out).toContain(`${JB}重点项目共${JB_PROJECTS.length}个`);
    expect((await cli(['roles', 'grant', CLERK.mobile, '县区查看', JB])).out).toBe(`${CLERK.name} 已有 县区查看（${JB}）权限，未作改动。`);
    expect((await cli(['roles', 'list'])).out).toContain(`县区查看（${JB}）  ${CLERK.name}  ${CLERK.mobile}  来源：命令行授予`);

    // Refusals say why and write nothing.
    const rows = await roleRows();
    expect((await cli(['roles', 'grant', '13799999999', '管理员'])).err).toContain('项目库人员中没有手机号 13799999999');
    expect((await cli(['roles', 'grant', CLERK.mobile, '县区查看', '东海县'])).err).toContain('项目库中没有县区“东海县”');
    expect((await cli(['roles', 'grant', CLERK.mobile, '县区查看'])).err).toContain('县区查看须写明县区');
    expect((await cli(['roles', 'grant', CLERK.mobile, '观察员', JB])).err).toContain('角色只能是 县区查看、单位查看、管理员 之一');
    expect((await cli(['roles', 'grant'])).code).toBe(2);
    expect(await roleRows()).toBe(rows);

    // A register without the unit viewer's row takes that role away; the clerk's hand-granted role stays.
    const again = await importWith('fewer.xlsx', [ROWS[0]!, ROWS[2]!]);
    expect(again.out).toContain('权限（县区查看、单位查看、管理员）：新增 0 个，移除 1 个');
    expect((await cli(['ask', `${UNIT.name}的项目`, '--as', VIEWER.mobile])).out).toContain('暂未分配查询权限');
    expect((await cli(['ask', `${JB}进度`, '--as', CLERK.mobile])).out).toContain(`${JB}重点项目共${JB_PROJECTS.length}个`);
    // A file without a 权限 sheet leaves the roles as they are.
    const plain = await importWith('plain.xlsx', null);
    expect(plain.out).not.toContain('权限（');
    expect((await cli(['roles', 'list'])).out).toContain(`管理员  ${OFFICE.name}`);
  });
});
