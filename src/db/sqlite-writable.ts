// What an operator must fix when the SQLite file cannot be written: the file, or its directory (WAL keeps its -wal and
// -shm files beside it), named with absolute paths.
import { accessSync, constants, existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The start-up refusal for a SQLite file that cannot be written; `cause` is what SQLite or the probe said. */
export function sqliteUnwritableMessage(path: string, cause: string): string {
  const file = resolve(path);
  const dir = dirname(file);
  const what: string[] = [];
  if (existsSync(file) && !writable(file)) what.push(`文件 ${file} 不可写`);
  if (existsSync(dir) && !writable(dir)) what.push(`所在目录 ${dir} 不可写（WAL 模式需在该目录中创建 ${basename(file)}-wal、${basename(file)}-shm）`);
  const found = what.length ? `${what.join('；')}。` : '';
  return (
    `SQLite 数据库文件 ${file} 无法写入（${cause}）。${found}` +
    `请让运行本程序的用户对该文件及其所在目录都有读写权限（例如 chown 给该用户，或 chmod u+w），并确认磁盘未以只读方式挂载；也可用 DATABASE_URL 指定可写的位置。`
  );
}

/** True when the file or its directory is, by the file system's permissions, not writable for this process. */
export function sqliteLooksUnwritable(path: string): boolean {
  const file = resolve(path);
  const dir = dirname(file);
  return (existsSync(file) && !writable(file)) || (existsSync(dir) && !writable(dir));
}
