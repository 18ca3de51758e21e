// The answer cards at a phone's width (360 px) in a real browser (Debian's Chromium driven by playwright-core): the
// 市长 asks about a project, for 全市滞后项目 and for 全市进度, and each card must read as on a phone — nothing wider than
// the card, every project name whole and on a line of its own, no table of more than three columns, no cell cut
// short. Screenshots of each card go to test-artifacts/phone-*.png.
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLookup } from '../fixtures/sample-lookup';
import { ARTIFACTS, hasChromium, launchChromium, noteMissingChromium } from '../helpers/browser';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

const PHONE = { width: 360, height: 780 };

noteMissingChromium('手机宽度的卡片测试');

const S = await sampleLookup();
const MAYOR = S.leaderTitled('市长');
const NAMES = new Set(S.projects.map((p) => p.name));
const COUNTIES = [...new Set(S.projects.map((p) => p.county))];
/** The longest name in the register: the hardest to keep whole at 360 px. */
const LONGEST = S.projects.reduce((a, b) => ([...b.name].length > [...a.name].length ? b : a));

type Layout = {
  cardOverflow: number;
  pageOverflow: number;
  tables: Array<{ columns: number; overflow: number; clipped: string[] }>;
  titleClipped: boolean;
  /** The bold first line of each block: its text, whether it stands alone on its line, and its box. */
  heads: Array<{ text: string; alone: boolean; inside: boolean; top: number; bottom: number }>;
};

/**
 * What a reader of the card at this width sees, measured in the page (browser code, as text: the tests are compiled
 * without the DOM's types).
 */
const MEASURE = `
  const box = el.getBoundingClientRect();
  const tables = [...el.querySelectorAll('table.grid')].map((t) => {
    const scroll = t.closest('.table-scroll');
    const clipped = [...t.querySelectorAll('td .cell, th .cell')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
      .map((c) => (c.textContent || '').trim());
    return { columns: t.querySelectorAll('thead th').length, overflow: scroll ? scroll.scrollWidth - scroll.clientWidth : 0, clipped };
  });
  const title = el.querySelector('.card-title');
  const heads = [...el.querySelectorAll('.md p > strong:first-child')].map((s) => {
    const r = s.getBoundingClientRect();
    const next = s.nextSibling;
    // Alone on its line: nothing before it in its paragraph, and a line break (or the paragraph's end) after it.
    const alone = s.previousSibling === null && (next === null || (next.nodeType === 1 && next.tagName === 'BR'));
    return { text: (s.textContent || '').trim(), alone, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5, top: r.top, bottom: r.bottom };
  });
  return {
    cardOverflow: el.scrollWidth - el.clientWidth,
    pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    tables,
    titleClipped: title ? title.scrollWidth > title.clientWidth + 1 : false,
    heads,
  };
`;

const measure = new Function('el', MEASURE) as (el: unknown) => Layout;
const layoutOf = (card: Locator): Promise<Layout> => card.evaluate(measure);

function expectReadable(l: Layout): void {
  expect(l.cardOverflow).toBeLessThanOrEqual(0);
  expect(l.pageOverflow).toBeLessThanOrEqual(0);
  expect(l.titleClipped).toBe(false);
  for (const t of l.tables) {
    expect(t.columns).toBeLessThanOrEqual(3);
    expect(t.overflow).toBeLessThanOrEqual(0);
    expect(t.clipped).toEqual([]);
  }
  // No two blocks' first lines share a line of the screen.
  const sorted = [...l.heads].sort((a, b) => a.top - b.top);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.top).toBeGreaterThanOrEqual(sorted[i - 1]!.bottom - 0.5);
}

/** The page grown to its content for a moment (the chat scrolls inside a screen-high box), so the whole card is shot. */
const GROW = `document.querySelector('.shell').style.height = 'auto'; document.querySelector('.messages').style.overflow = 'visible'; document.querySelector('#toasts').style.display = 'none';`;
const SHRINK = `document.querySelector('.shell').style.height = ''; document.querySelector('.messages').style.overflow = ''; document.querySelector('#toasts').style.display = '';`;

describe.skipIf(!hasChromium)('answer cards at a phone’s width (360 px) in Chromium', () => {
  let s: TestSandbox;
  let browser: Browser;
  let page: Page;

  const ask = async (question: string, title: string) => {
    await page.locator('#input').fill(question);
    await page.locator('#input').press('Enter');
    const card = page.locator('.msg[data-from=bot] .card', { has: page.locator('.card-title', { hasText: title }) }).last();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await card.scrollIntoViewIfNeeded();
    return card;
  };

  const shot = async (card: Locator, name: string) => {
    await page.evaluate(GROW);
    await card.screenshot({ path: resolve(ARTIFACTS, `phone-${name}.png`) });
    await page.evaluate(SHRINK);
  };

  beforeAll(async () => {
    s = await startTestSandbox('sqlite');
    const mayor = await s.t.db.selectFrom('people').select('open_id').where('mobile', '=', MAYOR.mobile).executeTakeFirstOrThrow();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
    await page.goto(`${s.sandbox.consoleUrl}?as=${mayor.open_id}&chat=p2p`);
    await page.locator('#input').waitFor({ timeout: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.stop();
    await s?.t.drop();
  });

  it('the project card: its whole name in the header, the last weeks in three columns, nothing wider than the phone', async () => {
    const card = await ask(`${LONGEST.name}进展`, LONGEST.name);
    expect(await card.locator('.card-title').innerText()).toBe(LONGEST.name);
    const l = await layoutOf(card);
    expectReadable(l);
    expect(l.tables.length).toBeGreaterThan(0); // 近四周填报情况
    await shot(card, '1-project');
  });

  it('全市滞后项目: twenty projects a page, each name whole on its own line, then 更多 brings the next twenty', async () => {
    const card = await ask('全市滞后项目', '全市未达序时进度项目');
    const text = await card.innerText();
    const total = Number(/其中未达序时进度项目(\d+)个/.exec(text)?.[1]);
    expect(total).toBeGreaterThan(20); // the sandbox's demo weeks leave most projects behind 序时
    expect(text).toContain(`共${total}个，显示第1—20个`);
    const l = await layoutOf(card);
    expectReadable(l);
    const names = l.heads.map((h) => /^(\d+)\. (.+)$/.exec(h.text));
    expect(names.map((m) => Number(m?.[1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const [i, m] of names.entries()) {
      expect(NAMES.has(m?.[2] ?? '')).toBe(true);
      expect(l.heads[i]!.alone).toBe(true);
      expect(l.heads[i]!.inside).toBe(true);
    }
    expect(new Set(names.map((m) => m?.[2])).size).toBe(20);
    await shot(card, '2-list');

    await card.getByRole('button', { name: /更多/ }).click();
    const next = page.locator('.msg[data-from=bot] .card', { hasText: '显示第21—' }).last();
    await expect.poll(() => next.count(), { timeout: 15_000 }).toBe(1);
    const l2 = await layoutOf(next);
    expectReadable(l2);
    const second = l2.heads.map((h) => /^(\d+)\. (.+)$/.exec(h.text)?.[2] ?? '');
    expect(second.length).toBe(Math.min(20, total - 20));
    for (const n of second) expect(names.some((m) => m?.[2] === n)).toBe(false);

    // 导出Excel: the whole list comes as a file in the chat.
    await card.getByRole('button', { name: '导出Excel' }).click();
    const file = page.locator('.msg[data-from=bot] .bubble.file', { hasText: '全市未达序时进度项目' }).last();
    await expect.poll(() => file.count(), { timeout: 15_000 }).toBe(1);
    expect(await file.innerText()).toMatch(/\.xlsx$/);
  });

  it('全市进度: the county table has three columns and every county whole in it', async () => {
    const card = await ask('全市进度', '全市重点项目进展');
    const l = await layoutOf(card);
    expectReadable(l);
    const county = card.locator('table.grid', { hasText: '县区' });
    expect(await county.count()).toBe(1);
    expect(await county.locator('thead th').count()).toBe(3);
    // Every county of the register in the first column, ten a page (Feishu's table pages at most ten rows).
    const seen = new Set<string>();
    for (;;) {
      for (const t of await county.locator('tbody tr td:first-child strong').allInnerTexts()) seen.add(t.trim());
      const next = county.locator('xpath=..').locator('..').locator('.pager-btn').last();
      if ((await next.count()) === 0 || (await next.isDisabled())) break;
      await next.click();
    }
    expect([...seen].sort()).toEqual([...COUNTIES].sort());
    await shot(card, '3-county-table');
    // The laggards under the table: twenty, then 更多 brings the next ones as a list.
    const heads = (await layoutOf(card)).heads.filter((h) => /^\d+\. /.test(h.text));
    expect(heads).toHaveLength(20);
    const before = await page.locator('.msg[data-from=bot] .card').count();
    await card.getByRole('button', { name: '更多' }).click();
    const next = page.locator('.msg[data-from=bot] .card').nth(before);
    await expect.poll(() => next.count(), { timeout: 15_000 }).toBe(1);
    expect(await next.innerText()).toMatch(/显示第21—\d+个/);
    expectReadable(await layoutOf(next));
  });
});
