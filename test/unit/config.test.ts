// What an operator sees when setting the environment: defaults, DATABASE_URL forms, and one message naming every mistake.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SQLITE_PATH, loadConfig, parseDatabaseUrl, parseNowValue, serverConfigProblems } from '../../src/config';

const FEISHU = { FEISHU_APP_ID: 'cli_a1b2c3', FEISHU_APP_SECRET: 'secret-1', FEISHU_VERIFICATION_TOKEN: 'token-1', FEISHU_ENCRYPT_KEY: 'enc-0' };
const NO_KEY = { ...FEISHU, FEISHU_ENCRYPT_KEY: '' };

/** The ConfigError loadConfig throws for env (fails the test if it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('defaults', () => {
  it('an empty environment runs on port 3000, the default SQLite file, without Feishu, on the real clock', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/diaodu.sqlite' });
    expect(DEFAULT_SQLITE_PATH).toBe('./data/diaodu.sqlite');
    expect(config.feishu).toBeNull();
    expect(config.now).toBeNull();
  });

  it('treats empty and blank variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '   ', DIAODU_NOW: '', FEISHU_APP_ID: ' ', FEISHU_DOMAIN: '' });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: DEFAULT_SQLITE_PATH });
    expect(config.feishu).toBeNull();
    expect(config.now).toBeNull();
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });
});

describe('PORT', () => {
  it.each([
    ['8080', 8080],
    [' 8080 ', 8080],
    ['0', 0],
    ['65535', 65535],
  ])('accepts %j', (raw, port) => {
    expect(loadConfig({ PORT: raw }).port).toBe(port);
  });

  it.each(['abc', '-1', '65536', '3000.5', '1e3', '0x50', '80 80'])('refuses %j, naming PORT', (raw) => {
    const err = configError({ PORT: raw });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toContain('PORT');
    expect(err.problems[0]).toContain('0–65535');
  });
});

describe('Feishu app', () => {
  it('in webhook mode without FEISHU_ENCRYPT_KEY, the server refuses to start, naming the key and FEISHU_ALLOW_NO_ENCRYPT_KEY (issue 17 row 4)', () => {
    const refused = serverConfigProblems(loadConfig(NO_KEY));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('FEISHU_ENCRYPT_KEY');
    expect(refused[0]).toContain('FEISHU_ALLOW_NO_ENCRYPT_KEY=1');
    expect(serverConfigProblems(loadConfig({ ...NO_KEY, FEISHU_ALLOW_NO_ENCRYPT_KEY: '1' }))).toEqual([]);
    expect(serverConfigProblems(loadConfig(FEISHU))).toEqual([]);
    // The long connection carries events over an authenticated channel: no Encrypt Key is needed there.
    expect(serverConfigProblems(loadConfig({ ...NO_KEY, FEISHU_APP_ID: 'cli_a1b2c3d4e5f6a7b8', FEISHU_TRANSPORT: 'ws' }))).toEqual([]);
    expect(configError({ ...NO_KEY, FEISHU_ALLOW_NO_ENCRYPT_KEY: 'yes' }).message).toContain('FEISHU_ALLOW_NO_ENCRYPT_KEY');
  });

  it('is configured with the default domain https://open.feishu.cn and an empty encrypt key when the three required keys are set and the risk accepted', () => {
    const config = loadConfig({ ...NO_KEY, FEISHU_ALLOW_NO_ENCRYPT_KEY: '1' });
    expect(config.feishu).toMatchObject({
      appId: 'cli_a1b2c3',
      appSecret: 'secret-1',
      encryptKey: '',
      verificationToken: 'token-1',
      domain: 'https://open.feishu.cn',
    });
  });

  it('keeps the encrypt key when given and trims surrounding blanks', () => {
    const config = loadConfig({ ...FEISHU, FEISHU_APP_ID: ' cli_a1b2c3 ', FEISHU_ENCRYPT_KEY: 'enc-1' });
    expect(config.feishu?.appId).toBe('cli_a1b2c3');
    expect(config.feishu?.encryptKey).toBe('enc-1');
  });

  it('removes trailing slashes from FEISHU_DOMAIN', () => {
    expect(loadConfig({ ...FEISHU, FEISHU_DOMAIN: 'https://open.feishu.cn/' }).feishu?.domain).toBe('https://open.feishu.cn');
    expect(loadConfig({ ...FEISHU, FEISHU_DOMAIN: 'https://open.feishu.cn//' }).feishu?.domain).toBe('https://open.feishu.cn');
  });

  it('keeps a Lark domain as it is', () => {
    expect(loadConfig({ ...FEISHU, FEISHU_DOMAIN: 'https://open.larksuite.com' }).feishu?.domain).toBe('https://open.larksuite.com');
  });

  it('refuses a FEISHU_DOMAIN that is not an http(s) address', () => {
    const err = configError({ ...FEISHU, FEISHU_DOMAIN: 'open.feishu.cn' });
    expect(err.message).toContain('FEISHU_DOMAIN');
    expect(err.message).toContain('https://');
  });

  it('with only FEISHU_APP_ID set, names FEISHU_APP_SECRET and FEISHU_VERIFICATION_TOKEN as missing (the encrypt key is optional)', () => {
    const err = configError({ FEISHU_APP_ID: 'cli_a1b2c3' });
    expect(err.problems).toHaveLength(1);
    const problem = err.problems[0] ?? '';
    expect(problem).toContain('FEISHU_APP_SECRET');
    expect(problem).toContain('FEISHU_VERIFICATION_TOKEN');
    expect(problem).not.toContain('FEISHU_ENCRYPT_KEY');
    expect(problem).not.toContain('FEISHU_APP_ID');
  });

  it('with only FEISHU_ENCRYPT_KEY set, names the three required keys', () => {
    const err = configError({ FEISHU_ENCRYPT_KEY: 'enc-1' });
    for (const key of ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN']) expect(err.message).toContain(key);
  });

  it('never prints a Feishu secret in the error', () => {
    const err = configError({ FEISHU_APP_ID: 'cli_a1b2c3', FEISHU_APP_SECRET: 'very-secret-value' });
    expect(err.message).not.toContain('very-secret-value');
  });
});

describe('DATABASE_URL', () => {
  it.each([
    ['/var/lib/diaodu/diaodu.sqlite', { kind: 'sqlite', path: '/var/lib/diaodu/diaodu.sqlite' }],
    ['./data/other.sqlite', { kind: 'sqlite', path: './data/other.sqlite' }],
    ['data.sqlite', { kind: 'sqlite', path: 'data.sqlite' }],
    ['sqlite:./data/x.sqlite', { kind: 'sqlite', path: './data/x.sqlite' }],
    ['sqlite:/srv/x.sqlite', { kind: 'sqlite', path: '/srv/x.sqlite' }],
    ['sqlite:///srv/x.sqlite', { kind: 'sqlite', path: '/srv/x.sqlite' }],
    ['sqlite://data/x.sqlite', { kind: 'sqlite', path: 'data/x.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['postgres://diaodu:pw@db.internal:5432/diaodu', { kind: 'postgres', url: 'postgres://diaodu:pw@db.internal:5432/diaodu' }],
    ['postgresql://diaodu@127.0.0.1/diaodu', { kind: 'postgres', url: 'postgresql://diaodu@127.0.0.1/diaodu' }],
    ['POSTGRES://diaodu@db/diaodu', { kind: 'postgres', url: 'POSTGRES://diaodu@db/diaodu' }],
    ['postgres:///diaodu?host=/var/run/postgresql', { kind: 'postgres', url: 'postgres:///diaodu?host=/var/run/postgresql' }],
    ['  postgres://diaodu@db/diaodu  ', { kind: 'postgres', url: 'postgres://diaodu@db/diaodu' }],
  ])('reads %j', (raw, target) => {
    expect(parseDatabaseUrl(raw)).toEqual(target);
    expect(loadConfig({ DATABASE_URL: raw }).database).toEqual(target);
  });

  it.each([
    ['mysql://root@db/diaodu', '不支持的数据库类型“mysql”'],
    ['file:///srv/x.sqlite', '不支持的数据库类型“file”'],
    ['sqlite:', 'sqlite: 之后缺少文件路径'],
    ['postgres:///diaodu', '缺少主机名'],
  ])('refuses %j, naming DATABASE_URL and the reason', (raw, reason) => {
    const err = configError({ DATABASE_URL: raw });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toContain('DATABASE_URL');
    expect(err.problems[0]).toContain(reason);
  });

  it('does not print the password of a refused connection string', () => {
    const err = configError({ DATABASE_URL: 'mysql://root:hunter2@db/diaodu' });
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).not.toContain('hunter2');
  });
});

describe('DIAODU_NOW', () => {
  it('keeps the value as given; the clock reads it', () => {
    expect(loadConfig({ DIAODU_NOW: '2026-11-27T09:00:00+08:00' }).now).toBe('2026-11-27T09:00:00+08:00');
  });

  it.each(['2026-11-27', '2026-11-27T09:00', '2026-11-27 09:00:00', '2026-11-27T01:00:00.000Z', '2026-11-27T09:00:00+0800'])('accepts %j', (raw) => {
    expect(loadConfig({ DIAODU_NOW: raw }).now).toBe(raw);
  });

  it.each(['tomorrow', '27/11/2026', '2026-13-01', '2026-02-30', '2026-04-31', '2026-11-27T24:00', '2026-11-27T09:60'])(
    'refuses %j, naming DIAODU_NOW',
    (raw) => {
      const err = configError({ DIAODU_NOW: raw });
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0]).toContain('DIAODU_NOW');
      expect(err.problems[0]).toContain('不是有效的 ISO 时间');
    },
  );

  it('reads a time without an offset as Asia/Shanghai', () => {
    expect(new Date(parseNowValue('2026-11-27T09:00:00')).toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(new Date(parseNowValue('2026-11-27 09:00')).toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(new Date(parseNowValue('2026-11-27')).toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('honours an explicit offset or Z', () => {
    expect(new Date(parseNowValue('2026-11-27T09:00:00Z')).toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(new Date(parseNowValue('2026-11-27T09:00:00-05:00')).toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(new Date(parseNowValue('2026-11-27T09:00:00+0800')).toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });
});

describe('ConfigError', () => {
  it('names every bad variable in one error, one line each', () => {
    const err = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', DIAODU_NOW: 'soon', FEISHU_APP_ID: 'cli_a1b2c3', FEISHU_DOMAIN: 'ftp://x' });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ConfigError');
    expect(err.problems).toHaveLength(5);
    for (const key of ['PORT', 'DATABASE_URL', 'DIAODU_NOW', 'FEISHU_DOMAIN', 'FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN']) {
      expect(err.message).toContain(key);
    }
    expect(err.message.startsWith('配置有误，程序未启动：')).toBe(true);
    expect(err.message.split('\n')).toHaveLength(6);
  });

  it('shows the refused value so the operator sees the typo', () => {
    expect(configError({ PORT: 'abc' }).message).toContain('PORT="abc"');
  });
});

describe('FEISHU_TRANSPORT', () => {
  const feishu = { FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 'v' };
  it('defaults to webhook and accepts ws with a real-looking App ID', () => {
    expect(loadConfig({ ...feishu, FEISHU_ENCRYPT_KEY: 'enc-1', FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718' }).feishu?.transport).toBe('webhook');
    expect(loadConfig({ ...feishu, FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_TRANSPORT: 'ws' }).feishu?.transport).toBe('ws');
  });
  it('refuses an unknown transport and, for ws, an App ID the SDK would silently never connect with', () => {
    expect(() => loadConfig({ ...feishu, FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_TRANSPORT: 'socket' })).toThrow(/FEISHU_TRANSPORT/);
    expect(() => loadConfig({ ...feishu, FEISHU_APP_ID: 'cli_test', FEISHU_TRANSPORT: 'ws' })).toThrow(/FEISHU_APP_ID="cli_test"：长连接/);
  });
});
