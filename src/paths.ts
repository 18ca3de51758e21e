// Where the program's own files are (the web console, the sample register beside the repository), whether it runs from
// src/ through tsx or bundled as dist/main.mjs: found from the nearest package.json up from this module, not from a
// fixed number of "../", which differs between the two.
import { execFileSync } from 'node:child_process';
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

/**
 * The shared fixtures (the sample register the sandbox loads; the tests' workbooks): $DIAODU_FIXTURES; else
 * ../shared/fixtures next to the installation; else, for a clone of a local checkout made somewhere else
 * (`git clone -q . "$(mktemp -d)"`), ../shared/fixtures next to the checkout it was cloned from. The first that
 * exists; the plain ../shared path when none does, so that what is missing is named.
 */
export function fixturesDir(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.DIAODU_FIXTURES?.trim();
  if (given) return resolve(given);
  const beside = appPath('..', 'shared', 'fixtures');
  if (existsSync(beside)) return beside;
  try {
    const origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: APP_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .replace(/^file:\/\//, '');
    // Only a local path: a URL or user@host:path is not a checkout on this machine.
    if (origin.startsWith('/')) {
      const besideOrigin = resolve(origin, '..', 'shared', 'fixtures');
      if (existsSync(besideOrigin)) return besideOrigin;
    }
  } catch {
    // not a git checkout, no origin, or no git
  }
  return beside;
}
