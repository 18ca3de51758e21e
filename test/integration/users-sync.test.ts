// `diaodu users sync`: the register's people get their Feishu open_ids; the unknown and the resigned are named.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { startFeishuDouble, type FeishuDouble } from '../../src/feishu-double/index';
import { SAMPLE } from '../fixtures/register-workbooks';
import { captureIo } from '../helpers/io';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

const APP = { appId: 'cli_a1b2c3d4e5f6a7b8', appSecret: 'secret-sync' };

describe.each(engines)('users sync on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble | undefined;
  afterEach(async () => {
    await double?.close();
    double = undefined;
    await t?.drop();
  });

  it('resolves 68 people in batches of at most 50, stores open_ids and names the unresolved and the resigned', async () => {
    t = await createTestDatabase(engine);
    const dbUrl = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    await t.close(); // the CLI opens the database itself
    const env = { DATABASE_URL: dbUrl, DIAODU_NOW: '2026-11-27T10:00:00+08:00' };
    const imported = captureIo();
    expect(await runCli(['import', SAMPLE, '--year', '2026'], env, imported.io)).toBe(0);

    // The sample holds 68 people (32 reporters, 24 heads, 12 leaders). Feishu knows all but three of them;
    // one is found only by e-mail, one has resigned.
    const { openDatabase } = await import('../../src/db/connect');
    const opened = openDatabase(t.target);
    const people = await opened.db.selectFrom('people').select(['id', 'name', 'mobile', 'email']).orderBy('id').execute();
    await opened.close();
    expect(people).toHaveLength(68);
    const missing = people.slice(0, 3);
    const byEmailOnly = people[3]!;
    const resigned = people[4]!;
    double = await startFeishuDouble({
      ...APP,
      users: people.slice(3).map((p, i) => ({
        open_id: `ou_sync_${i}`,
        name: p.name,
        mobile: p === byEmailOnly ? undefined : (p.mobile ?? undefined),
        email: p.email ?? undefined,
        resigned: p === resigned,
      })),
    });
    const envF = { ...env, FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_VERIFICATION_TOKEN: 'vt', FEISHU_DOMAIN: double.url };
    const run = captureIo();
    expect(await runCli(['users', 'sync'], envF, run.io)).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain('人员 68 人：已匹配飞书账号 65 人（本次更新 65 人），未匹配 3 人，已离职 1 人');
    for (const p of missing) expect(text).toContain(p.name);
    expect(text).toMatch(new RegExp(`已离职[\\s\\S]*${resigned.name}`));

    const calls = double!.requests.filter((r) => r.path === '/open-apis/contact/v3/users/batch_get_id');
    expect(calls.length).toBe(2); // 68 mobiles → 50 + 18
    for (const c of calls) {
      const body = c.body as { mobiles: string[]; emails: string[] };
      expect(body.mobiles.length).toBeLessThanOrEqual(50);
      expect(body.emails.length).toBeLessThanOrEqual(50);
    }
    const after = openDatabase(t.target);
    const rows = await after.db.selectFrom('people').select(['id', 'open_id', 'resigned_at']).orderBy('id').execute();
    await after.close();
    expect(rows.filter((r) => r.open_id).length).toBe(65);
    expect(rows.find((r) => r.id === byEmailOnly.id)?.open_id).toBe('ou_sync_0');
    // DIAODU_NOW set the clock to 10:00 Beijing time; it runs on from there.
    expect(rows.find((r) => r.id === resigned.id)?.resigned_at).toMatch(/^2026-11-27T02:00:0\d/);

    const again = captureIo();
    expect(await runCli(['users', 'sync'], envF, again.io)).toBe(0);
    expect(again.out.join('\n')).toContain('本次更新 0 人');
  });

  it('refuses plainly without a Feishu app', async () => {
    t = await createTestDatabase(engine);
    const run = captureIo();
    const dbUrl = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    expect(await runCli(['users', 'sync'], { DATABASE_URL: dbUrl }, run.io)).toBe(1);
    expect(run.err.join('\n')).toContain('未配置飞书应用');
  });
});
