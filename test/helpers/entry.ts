// How the tests and the bench start the bot as a process: the way `npm start` runs it, from the bundle dist/main.mjs
// that `npm run build` (prestart) writes. Building takes well under a second, so each run builds it afresh.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

/** node's arguments for the bot, relative to REPO (`npm start` = `npm run build` + `node dist/main.mjs`). */
export const BOT_ARGS = ['dist/main.mjs'];

/** Writes dist/main.mjs from src/ (the same `npm run build` as before `npm start`); throws with esbuild's message. */
export function buildBot(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
}
