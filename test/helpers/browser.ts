// Debian's Chromium for the end-to-end tests (npm's own browser downloads cannot work on these machines), started with
// the flags it needs here; screenshots go to test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Says once, when Chromium is missing, which test is skipped and how to install it. */
export function noteMissingChromium(what: string): void {
  if (!hasChromium) console.log(`[diaodu] 未找到 Chromium（${CHROMIUM}）：${what}已跳过。安装：apt-get install chromium`);
}

/** Chromium, with test-artifacts/ made for its screenshots. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
