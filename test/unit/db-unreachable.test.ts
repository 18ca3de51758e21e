// Issue 17 row 16: an unreachable PostgreSQL is named with its host and port, never its password.
import { describe, expect, it } from 'vitest';
import { unreachableDatabase } from '../../src/db/connect';

const target = { kind: 'postgres' as const, url: 'postgres://diaodu:s3cret-pw@db.example.internal:6543/diaodu' };
const sysErr = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('unreachableDatabase', () => {
  it.each([
    ['ECONNREFUSED', '连接被拒绝'],
    ['ENOTFOUND', '找不到该主机名'],
    ['ETIMEDOUT', '连接超时'],
  ])('%s → 无法连接数据库 with host, port and reason', (code, reason) => {
    const m = unreachableDatabase(sysErr(code), target)?.message ?? '';
    expect(m).toContain('无法连接数据库');
    expect(m).toContain('db.example.internal:6543');
    expect(m).toContain(reason);
    expect(m).not.toContain('s3cret-pw');
  });

  it("pg's connection timeout and an AggregateError (IPv4 and IPv6 both refused) count as unreachable", () => {
    expect(unreachableDatabase(new Error('timeout expired'), target)?.message).toContain('连接超时');
    const both = Object.assign(new AggregateError([sysErr('ECONNREFUSED'), sysErr('ECONNREFUSED')]), {});
    expect(unreachableDatabase(both, { kind: 'postgres', url: 'postgres://localhost/x' })?.message).toContain('localhost:5432');
  });

  it('other errors (wrong password, a failed migration) and SQLite are left as they are', () => {
    expect(unreachableDatabase(Object.assign(new Error('password authentication failed'), { code: '28P01' }), target)).toBeNull();
    expect(unreachableDatabase(sysErr('ECONNREFUSED'), { kind: 'sqlite', path: 'x.sqlite' })).toBeNull();
  });
});
