// The monthly bulletin's cards at a phone's width (360 px) in a real browser (Debian's Chromium driven by
// playwright-core), as test/e2e/phone.test.ts does for the answer cards: the administrator has the sandbox compose
// last month's bulletin and every card of the draft must read as on a phone — nothing wider than the card, no table
// of more than three columns, no cell cut short. Screenshots go to test-artifacts/phone-bulletin-*.png.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN } from '../../src/sandbox/identities';
import { ARTIFACTS, hasChromium, launchChromium } from '../helpers/browser';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

type Layout = { cardOverflow: number; pageOverflow: number; tables: Array<{ columns: number; overflow: number; clipped: string[] }> };

/** What a reader of the card at this width sees (browser code, as text: the tests are compiled without the DOM's types). */
const MEASURE = `
  const tables = [...el.querySelectorAll('table.grid')].map((t) => {
    const scroll = t.closest('.table-scroll');
    const clipped = [...t.querySelectorAll('td .cell, th .cell')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
      .map((c) => (c.textContent || '').trim());
    return { columns: t.querySelectorAll('thead th').length, overflow: scroll ? scroll.scrollWidth - scroll.clientWidth : 0, clipped };
  });
  return {
    cardOverflow: el.scrollWidth - el.clientWidth,
    pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    tables,
  };
`;
const measure = new Function('el', MEASURE) as (el: unknown) => Layout;

describe.skipIf(!hasChromium)('the monthly bulletin at a phone’s width (360 px) in Chromium', () => {
  let s: TestSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    s = await startTestSandbox('sqlite');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.stop();
    await s?.t.drop();
  });

  it('every card of the draft: tables of at most three columns, nothing wider than the phone, no cell cut short', async () => {
    const base = `http://127.0.0.1:${s.sandbox.port}/console/api`;
    const { token } = (await (await fetch(`${base}/session`)).json()) as { token: string };
    const res = await fetch(`${base}/admin/bulletin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': token },
      body: JSON.stringify({ as: SANDBOX_ADMIN.openId }),
    });
    expect(res.status).toBe(200);
    await page.goto(`${s.sandbox.consoleUrl}?as=${SANDBOX_ADMIN.openId}&chat=p2p`);
    const cards = page.locator('.msg[data-from=bot] .card', { has: page.locator('.card-title', { hasText: '全市重点项目建设情况通报' }) });
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const n = await cards.count();
    let tables = 0;
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      await card.scrollIntoViewIfNeeded();
      const l = await card.evaluate(measure);
      expect(l.cardOverflow).toBeLessThanOrEqual(0);
      expect(l.pageOverflow).toBeLessThanOrEqual(0);
      for (const t of l.tables) {
        expect(t.columns).toBeLessThanOrEqual(3);
        expect(t.overflow).toBeLessThanOrEqual(0);
        expect(t.clipped).toEqual([]);
      }
      tables += l.tables.length;
      await card.screenshot({ path: resolve(ARTIFACTS, `phone-bulletin-${i + 1}.png`) });
    }
    // The county ranking at least is a table: 排名 县区 | 完成率 | 与序时差.
    expect(tables).toBeGreaterThan(0);
    expect(await cards.locator('table.grid thead th', { hasText: '排名 县区' }).count()).toBeGreaterThan(0);
    // The lagging projects one a block: the list's heading and its first numbered project are there.
    expect((await cards.allInnerTexts()).join('\n')).toMatch(/未达序时进度[\s\S]*\n1\. \S/);
  }, 60_000);
});
