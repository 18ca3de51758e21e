// Where the program's own files are (the web console, the generated sample register in sample/), whether it runs from
// src/ through tsx or bundled as dist/main.mjs: found from the nearest package.json up from this module, not from a
// fixed number of "../", which differs between the two.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'diaodu') return dir;
    if (dirname(dir) === dir) throw new Error(`找不到程序目录（自 ${from} 向上没有 diaodu 的 package.json）`);
  }
}

/** The repository (installation) directory: the one holding diaodu's package.json. */
export const APP_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the installation directory. */
export const appPath = (...parts: string[]) => resolve(APP_ROOT, ...parts);
