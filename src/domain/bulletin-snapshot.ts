// The stored form of a composed Bulletin (the bulletins table's `snapshot`): JSON text `{ version, bulletin }`, read
// back only through the schema of src/domain/bulletin.ts. A snapshot is a bulletin of record, re-rendered months later
// by a newer program, so reading it never trusts a cast: a missing or mistyped field is refused by its path, and a
// field this version does not know is dropped rather than passed on.
//
// Snapshots written before the version wrapper are the bare Bulletin object; they are read as version 1.
//
// Version 2 added the 期号, 发文单位 and 落款 (`issue`), 环比 (`change`), the week and day of each estimate and where a
// run of lagging months begins. A version 1 snapshot is still read, on purpose: it has none of them, and the renderers
// give it exactly the text and cards it had when it was published (test/unit/bulletin-golden.test.ts). A version 2
// snapshot must have its `issue`.
import { z } from 'zod';
import { type Bulletin, bulletinSchema } from './bulletin';

/** The version serializeSnapshot writes; raise it (and read the old ones on purpose) when the shape changes. */
export const SNAPSHOT_VERSION = 2;

/** Versions this program reads. */
const READABLE = [1, 2];

const zhCN = z.locales.zhCN();

/** A snapshot that cannot be read as a Bulletin; the message says (in Chinese) what is wrong with it. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** A path as a reader of the JSON would write it: table[3].completedWan. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function checked(raw: unknown, version: number): Bulletin {
  const r = bulletinSchema.safeParse(raw, { error: zhCN.localeError });
  if (r.success) {
    if (version >= 2 && r.data.issue === undefined) throw new SnapshotError(`通报快照（第${version}版）不合格：缺少字段 issue`);
    if (version === 1) return stripV2(r.data);
    return r.data;
  }
  const problems = r.error.issues.slice(0, 5).map((i) => {
    const at = pathText(i.path);
    if (at === '') return i.message;
    return i.code === 'invalid_type' && valueAt(raw, i.path) === undefined ? `缺少字段 ${at}` : `字段 ${at} 无效：${i.message}`;
  });
  const more = r.error.issues.length > 5 ? `等${r.error.issues.length}处` : '';
  throw new SnapshotError(`通报快照（第${version}版）不合格：${problems.join('；')}${more}`);
}

/** A version 1 snapshot carries no field of version 2, even if its JSON had one (it is rendered as version 1). */
function stripV2(b: Bulletin): Bulletin {
  const { issue: _i, change: _c, ...rest } = b;
  return {
    ...rest,
    lagging: b.lagging.map(({ runSince: _r, ...l }) => l),
    table: b.table.map(({ estimatedFrom: _e, ...t }) => t),
  };
}

/**
 * The bulletin as stored: `{"version":1,"bulletin":{…}}`. It goes through the schema first, so what is written is
 * exactly what will be read back (same fields, same order: parse and serialise again gives the same text, byte for
 * byte), and a bulletin that could not be read back is refused now rather than when its month is re-rendered.
 */
export function serializeSnapshot(b: Bulletin): string {
  // A bulletin without 期号 is one of version 1 (read from such a snapshot, or built as one): stored as it was.
  const version = b.issue === undefined ? 1 : SNAPSHOT_VERSION;
  return JSON.stringify({ version, bulletin: checked(b, version) });
}

/** The Bulletin of a stored snapshot, versioned or written before versions (read as 1); a SnapshotError if not. */
export function parseSnapshot(text: string): Bulletin {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SnapshotError('通报快照不是有效的 JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SnapshotError('通报快照不是 JSON 对象');
  if (!('version' in raw)) return checked(raw, 1); // written before versions: the bare Bulletin
  const { version, bulletin } = raw as { version: unknown; bulletin?: unknown };
  if (typeof version !== 'number' || !READABLE.includes(version)) {
    throw new SnapshotError(`通报快照的版本 ${JSON.stringify(version)} 无法识别：本程序只能读取第${READABLE.join('、')}版，请升级程序后再读取`);
  }
  if (bulletin === undefined) throw new SnapshotError(`通报快照（第${version}版）缺少字段 bulletin`);
  return checked(bulletin, version);
}
