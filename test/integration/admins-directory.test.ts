// Administrators named in `admins` by mobile or e-mail and absent from the register are looked up in the Feishu
// directory on their own (src/jobs/admins.ts): at the bot's start and then at most once a Beijing hour, through the
// Feishu double with a manual clock; a contact API failure is retried the next hour, an unknown entry logged once.
// `settings set admins` looks them up at once when a Feishu app is configured, or says the bot will within the hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createManualClock } from '../../src/clock';
import { saveSetting } from '../../src/db/settings';
import type { FeishuDouble } from '../../src/feishu-double/index';
import { tickAdmins } from '../../src/jobs/admins';
import { enterAdmins } from '../../src/people/sync-users';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { APP, captureLog, requestsTo, startDouble, waitFor } from '../helpers/feishu';
import { captureIo } from '../helpers/io';
import { bj } from '../helpers/round';

const BATCH_GET = '/open-apis/contact/v3/users/batch_get_id';
/** In the register by mobile; the directory also knows his e-mail, which the register does not hold. */
const JIN = { open_id: 'ou_admin_jin', name: '金俊杰', mobile: '13900010001', email: 'jinjunjie@example.gov.cn' };
/** Named in `admins` by mobile only, known to the directory, not to the register. */
const QIAN = { open_id: 'ou_admin_qian', name: '钱慧敏', mobile: '13900020001' };
/** Named by e-mail only. */
const SUN = { open_id: 'ou_admin_sun', name: '孙立新', mobile: '13900020002', email: 'sunlixin@example.gov.cn' };
/** Added to `admins` later; the first look-up of it fails. */
const ZHOU = { open_id: 'ou_admin_zhou', name: '周敏', mobile: '13900020003' };
/** Added by the CLI with a Feishu app configured. */
const WU = { open_id: 'ou_admin_wu', name: '吴海燕', mobile: '13900020004' };
/** Entered by two look-ups at once. */
const LIU = { open_id: 'ou_admin_liu', name: '刘思远', mobile: '13900020005' };
/** Nobody in the directory has this mobile. */
const UNKNOWN = '13900029999';

describe.each(engines)('administrators looked up in the Feishu directory on their own on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let server: BotServer;
  const log = captureLog();
  const clock = createManualClock(bj('2026-11-06 09:10'));
  const person = (mobile: string) => t.db.selectFrom('people').select(['name', 'mobile', 'email', 'open_id']).where('mobile', '=', mobile).executeTakeFirst();
  const lookUps = () => requestsTo(double, BATCH_GET).length;
  const tick = () => tickAdmins(server.ctx, server.bot!.api);
  const logged = (text: string) => log.lines.filter((l) => l.includes(text));
  const dbUrl = () => (t.target.kind === 'sqlite' ? t.target.path : t.target.url);
  const cli = async (argv: string[], env: Record<string, string>) => {
    const io = captureIo();
    const code = await runCli(argv, { DATABASE_URL: dbUrl(), DIAODU_NOW: clock.now().toISOString(), ...env }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const now = new Date(bj('2026-11-01 10:00')).toISOString();
    await t.db
      .insertInto('people')
      .values({ name: JIN.name, mobile: JIN.mobile, email: null, title: null, open_id: JIN.open_id, resigned_at: null, created_at: now, updated_at: now })
      .execute();
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, QIAN.mobile, SUN.email, UNKNOWN], 'test', new Date(now))).ok).toBe(true);
    double = await startDouble({ users: [JIN, QIAN, SUN, ZHOU, WU, LIU], chats: [] });
    server = await startBotServer({ database: t.target, double, clock, log });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await double?.close();
    await t?.drop();
  });

  it('at start, without users sync: those by mobile and e-mail are entered with their directory names, the unknown one is logged', async () => {
    // The start's tick ends by logging the unknown entry.
    await waitFor(
      'the start looks the administrators up',
      () => logged(UNKNOWN).length,
      (n) => n > 0,
    );
    const qian = await person(QIAN.mobile);
    expect(qian).toEqual({ name: QIAN.name, mobile: QIAN.mobile, email: null, open_id: QIAN.open_id });
    const sun = await t.db.selectFrom('people').select(['name', 'mobile', 'email', 'open_id']).where('email', '=', SUN.email).executeTakeFirst();
    expect(sun).toEqual({ name: SUN.name, mobile: null, email: SUN.email, open_id: SUN.open_id });
    expect(lookUps()).toBe(1); // JIN is in the register: only the three others were asked for, in one call
    expect(requestsTo(double, BATCH_GET)[0]!.body).toMatchObject({ mobiles: [QIAN.mobile, UNKNOWN], emails: [SUN.email] });
    expect(logged(UNKNOWN)).toEqual([
      expect.stringContaining(`WARN 设置 admins 中以下管理员在飞书通讯录中找不到或已离职，暂不能审定和发布，请核对手机号、邮箱：${UNKNOWN}`),
    ]);
    expect(logged('已按飞书通讯录登记设置 admins 中的管理员 2 人')).toHaveLength(1);
  });

  it('within the same hour nothing is asked again, neither by this instance nor by another one', async () => {
    await clock.set(bj('2026-11-06 09:59'));
    await tick();
    await tickAdmins({ ...server.ctx }, server.bot!.api); // a second instance: the hour's claim is in the database
    expect(lookUps()).toBe(1);
  });

  it('the next hour only the unknown entry is asked for again, and it is not logged a second time', async () => {
    await clock.set(bj('2026-11-06 10:00'));
    await tick();
    expect(lookUps()).toBe(2);
    expect(requestsTo(double, BATCH_GET).at(-1)!.body).toMatchObject({ mobiles: [UNKNOWN], emails: [] });
    await clock.set(bj('2026-11-06 11:00'));
    await tick();
    expect(lookUps()).toBe(3);
    expect(logged(UNKNOWN)).toHaveLength(1);
  });

  it('a contact API failure is logged in Chinese, does not throw, and is retried the next hour', async () => {
    await clock.set(bj('2026-11-06 12:00'));
    // Nothing to look up: the unknown entry is gone and everyone else has a person.
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, QIAN.mobile, SUN.email], 'test', clock.now())).ok).toBe(true);
    await tick();
    expect(lookUps()).toBe(3);
    // 周敏 is added within the hour: asked for at the next minute's tick; Feishu fails.
    await clock.set(bj('2026-11-06 12:05'));
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, QIAN.mobile, SUN.email, ZHOU.mobile], 'test', clock.now())).ok).toBe(true);
    double.failNext(1, 'server_error', { match: BATCH_GET });
    await clock.set(bj('2026-11-06 12:06'));
    await expect(tick()).resolves.toEqual([]);
    expect(lookUps()).toBe(4);
    expect(await person(ZHOU.mobile)).toBeUndefined();
    expect(logged('按飞书通讯录查询设置 admins 中的管理员失败，将于下一小时重试')).toEqual([expect.stringContaining(ZHOU.mobile)]);
    await clock.set(bj('2026-11-06 12:30'));
    await tick();
    expect(lookUps()).toBe(4); // not again within the hour
    await clock.set(bj('2026-11-06 13:00'));
    await tick();
    expect(lookUps()).toBe(5);
    expect(await person(ZHOU.mobile)).toEqual({ name: ZHOU.name, mobile: ZHOU.mobile, email: null, open_id: ZHOU.open_id });
  });

  it('settings set admins looks a new one up at once with a Feishu app configured, and without one says the bot will within the hour', async () => {
    await clock.set(bj('2026-11-06 13:10'));
    const admins = JSON.stringify([JIN.mobile, QIAN.mobile, SUN.email, ZHOU.mobile, WU.mobile]);
    const bare = await cli(['settings', 'set', 'admins', admins], {});
    expect(bare.code, bare.err).toBe(0);
    expect(bare.out).toContain(
      `以下管理员在项目库中没有对应人员：${WU.mobile}。运行中的调度助手将在一小时内按飞书通讯录查询并登记，登记后即可审定、发布和办理问题；也可在配置飞书应用后运行 diaodu users sync 立即查询。`,
    );
    expect(await person(WU.mobile)).toBeUndefined();
    const feishu = { FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_VERIFICATION_TOKEN: APP.verificationToken, FEISHU_DOMAIN: double.url };
    const configured = await cli(['settings', 'set', 'admins', admins], feishu);
    expect(configured.code, configured.err).toBe(0);
    expect(configured.out).toContain(`已按飞书通讯录登记管理员 1 人：${WU.name}（${WU.mobile}）。`);
    expect(await person(WU.mobile)).toEqual({ name: WU.name, mobile: WU.mobile, email: null, open_id: WU.open_id });
    // Set again: nobody left to look up, nothing more said.
    const again = await cli(['settings', 'set', 'admins', admins], feishu);
    expect(again.out).toBe(`已设置 admins = ${admins}`);
  });

  it('an entry whose account the register holds under another contact is said, with whom, not passed over in silence', async () => {
    await clock.set(bj('2026-11-06 14:10'));
    // 金俊杰 named by his e-mail: the directory gives his account, which the register holds under his mobile.
    const admins = JSON.stringify([QIAN.mobile, SUN.email, ZHOU.mobile, WU.mobile, JIN.email]);
    const feishu = { FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_VERIFICATION_TOKEN: APP.verificationToken, FEISHU_DOMAIN: double.url };
    const set = await cli(['settings', 'set', 'admins', admins], feishu);
    expect(set.code, set.err).toBe(0);
    const said = `设置 admins 中以下管理员的飞书账号已在项目库中以其他手机号或邮箱登记，按现在的写法无法识别为管理员，请在 admins 中改用项目库中登记的手机号、邮箱或其 open_id：${JIN.email}（${JIN.name}）。`;
    expect(set.out).toContain(said);
    expect(await t.db.selectFrom('people').select('id').where('open_id', '=', JIN.open_id).execute()).toHaveLength(1);
    // The hourly job says it once in the log, not every hour.
    await clock.set(bj('2026-11-06 15:01'));
    await tick();
    await clock.set(bj('2026-11-06 16:01'));
    await tick();
    expect(logged(said.replace(/。$/, ''))).toHaveLength(1);
    // Listed by his mobile as well, he is an administrator by that entry: nothing more to say.
    const both = await cli(['settings', 'set', 'admins', JSON.stringify([JIN.mobile, QIAN.mobile, SUN.email, ZHOU.mobile, WU.mobile, JIN.email])], feishu);
    expect(both.code, both.err).toBe(0);
    expect(both.out).not.toContain('已在项目库中以其他手机号或邮箱登记');
  });

  it('two look-ups at once (the hourly job and a command, say) enter a new administrator once, and neither fails', async () => {
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LIU.mobile], 'test', clock.now())).ok).toBe(true);
    const [a, b] = await Promise.all([enterAdmins(t.db, server.bot!.api, clock.now()), enterAdmins(t.db, server.bot!.api, clock.now())]);
    expect([...a.added, ...b.added]).toEqual([{ name: LIU.name, contact: LIU.mobile }]);
    expect(await t.db.selectFrom('people').select('name').where('mobile', '=', LIU.mobile).execute()).toEqual([{ name: LIU.name }]);
  });
});
