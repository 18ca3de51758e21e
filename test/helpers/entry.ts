// How the tests and the bench start the bot as a process: the way `npm start` runs it, from the bundle dist/main.mjs
// that `npm run build` (prestart) writes. Building takes well under a second, so each run builds it afresh.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

/**
 * node's arguments for the bot, relative to REPO: those of package.json's `start` script (after `npm run build`), so
 * the tests and the bench run the bot with the same heap settings as a deployment.
 */
export const BOT_ARGS: string[] = (() => {
  const start = (JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.trim().split(/\s+/);
  if (start[0] !== 'node' || start.at(-1) !== 'dist/main.mjs')
    throw new Error(`package.json 的 start 脚本应为 "node … dist/main.mjs"，实为 "${start.join(' ')}"`);
  return start.slice(1);
})();

/** Writes dist/main.mjs from src/ (the same `npm run build` as before `npm start`); throws with esbuild's message. */
export function buildBot(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
}
