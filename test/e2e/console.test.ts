// The sandbox console in a real browser (Debian's Chromium driven by playwright-core): a reporter fills in and
// submits the weekly form and sees ✅, a leader asks about that project and sees the new figure, an administrator
// composes the bulletin, sees its chart and publishes it to the group. Screenshots of each step go to test-artifacts/.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLookup } from '../fixtures/sample-lookup';
import { ARTIFACTS, hasChromium, launchChromium, noteMissingChromium } from '../helpers/browser';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

noteMissingChromium('沙箱控制台的浏览器端到端测试');

/**
 * From the generated register: a 续建 project whose name shares 滨江大道 with another, so that asking by that fragment
 * offers a pick list. The figure typed is 90% of what is left of its total investment after last year: above what the
 * sandbox's demo reports gave it, within what it may still spend.
 */
const S = await sampleLookup();
const FRAGMENT = '滨江大道';
const MATCHES = S.projects.filter((p) => p.name.includes(FRAGMENT));
const FOUND = MATCHES.find((p) => p.nature === '续建');
if (!FOUND) throw new Error(`no 续建 project called ${FRAGMENT} in the sample register`);
const PROJECT = { code: FOUND.code, name: FOUND.name, fragment: FRAGMENT };
const typed = Math.round((FOUND.totalWan - FOUND.priorWan) * 0.9) + 0.5;
const FIGURE = { typed: String(typed), shown: `${typed.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万元` };

describe.skipIf(!hasChromium)('the sandbox console in Chromium', () => {
  let s: TestSandbox;
  let browser: Browser;
  let page: Page;
  const who = { reporter: '', leader: '', admin: '' };

  const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, `console-${name}.png`), fullPage: false });
  /** The latest message in the chat whose text includes `text`. */
  const message = (text: string) => page.locator('.msg', { hasText: text }).last();

  beforeAll(async () => {
    s = await startTestSandbox('sqlite');
    const db = s.t.db;
    const project = await db.selectFrom('projects').select(['unit_id', 'leader_id']).where('code', '=', PROJECT.code).executeTakeFirstOrThrow();
    const reporter = await db
      .selectFrom('person_roles as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .where('r.role', '=', 'reporter')
      .where('r.unit_id', '=', project.unit_id)
      .select('p.open_id')
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const leader = await db.selectFrom('people').select('open_id').where('id', '=', project.leader_id).executeTakeFirstOrThrow();
    who.reporter = reporter.open_id!;
    who.leader = leader.open_id!;
    who.admin = (await db.selectFrom('settings').select('value').where('key', '=', 'admins').executeTakeFirstOrThrow()).value.replace(/[["\]]/g, '');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 960 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${s.sandbox.consoleUrl}?as=${who.reporter}&chat=p2p`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.stop();
    await s?.t.drop();
  });

  it("a reporter opens the week's card, fills in the form, submits it and sees ✅ with the figure saved", async () => {
    const row = page.locator('.column-set', { hasText: PROJECT.code }).last();
    await row.getByRole('button', { name: '填报' }).click();
    const form = page.locator('form.card-form');
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(1);
    await form.locator('input[name=ytd_investment]').fill(FIGURE.typed);
    await form.locator('textarea[name=progress_text]').fill('主线高架完成桩基210根，路基工程完成92%');
    await form.locator('select[name=status]').selectOption('building');
    await form.locator('.ms-box').click();
    await page.locator('.ms-option', { hasText: '外部条件' }).click();
    await form.locator('textarea[name=problem_text]').fill('红线内10千伏电力线路迁改尚未完成。');
    await page.locator('.card-title').last().click(); // closes the multi-select's list
    await shot('1-reporter-form');
    await form.getByRole('button', { name: '提交' }).click();
    const saved = message('已报送');
    await expect.poll(() => saved.count(), { timeout: 10_000 }).toBe(1);
    const text = await saved.innerText();
    expect(text).toContain('✅');
    expect(text).toContain(FIGURE.shown);
    expect(text).toContain('外部条件');
    await expect.poll(() => page.locator('.toast', { hasText: '已保存' }).count()).toBe(1);
    await shot('2-reporter-saved');
  });

  it("the project's 包联领导 asks about it in chat, picks it among the matches, and the answer shows the new figure", async () => {
    await page.locator('#identity').selectOption(who.leader);
    await page.locator('#input').fill(`${PROJECT.fragment}进展怎么样`);
    await page.locator('#input').press('Enter');
    // Several projects of the register are called 滨江大道: the bot offers them to pick from.
    expect(MATCHES.length).toBeGreaterThan(1);
    const pick = page.locator('.msg[data-from=bot]', { hasText: '请选择要查询的项目' }).last();
    await expect.poll(() => pick.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.msg.mine', { hasText: `${PROJECT.fragment}进展怎么样` }).count()).toBe(1);
    await pick.getByRole('button', { name: `${PROJECT.name}（${PROJECT.code}）` }).click();
    const answer = page.locator('.msg[data-from=bot]', { hasText: FIGURE.shown }).last();
    await expect.poll(() => answer.count(), { timeout: 10_000 }).toBe(1);
    const text = await answer.innerText();
    expect(text).toContain(PROJECT.name);
    expect(text).toContain('第48周');
    await answer.scrollIntoViewIfNeeded();
    await shot('3-leader-answer');
  });

  it('the leader asks for 全市红灯项目图 and sees the red projects drawn, their full names listed under the chart', async () => {
    await page.locator('#input').fill('全市红灯项目图');
    await page.locator('#input').press('Enter');
    const answer = page.locator('.msg[data-from=bot]', { hasText: '全市红灯项目挂图作战' }).last();
    await expect.poll(() => answer.count(), { timeout: 10_000 }).toBe(1);
    const chart = answer.locator('.chart[data-rendered=true]');
    await expect.poll(() => chart.count(), { timeout: 15_000 }).toBe(1);
    const box = await chart.locator('canvas').first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThan(150);
    expect(await answer.innerText()).toMatch(/1\. .+（LJ2026-\d{3}）：完成率\d+\.\d%，序时进度/);
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot('3b-leader-red-chart');
  }, 30_000);

  it('an administrator composes the bulletin, sees the draft with its chart, publishes it, and the group gets it', async () => {
    await page.locator('#identity').selectOption(who.admin);
    await page.locator('.chat-item[data-chat=p2p]').click();
    await page.locator('#compose-bulletin').click();
    // The sandbox's clock is in November: October's bulletin goes to the administrator for approval. (The monthly job
    // may already have sent one when the sandbox started; the new draft replaces it.) Wait until every draft's
    // approval card has arrived, then take the newest, the one still offering 发布.
    await expect.poll(() => page.locator('#admin-result').innerText(), { timeout: 20_000 }).toContain('已编制2026年10月的月通报');
    const drafts = (await s.t.db.selectFrom('bulletins').select('id').where('month', '=', '2026-10').execute()).length;
    const approvals = page.locator('.msg[data-from=bot]', { hasText: '审定：' });
    await expect.poll(() => approvals.count(), { timeout: 20_000 }).toBe(drafts);
    const approval = approvals.last();
    await expect.poll(() => approval.getByRole('button', { name: '发布' }).count(), { timeout: 10_000 }).toBe(1);
    const draft = page.locator('.msg[data-from=bot]', { hasText: '截至10月底' }).first();
    expect(await draft.innerText()).toContain('待审定');
    expect(await draft.innerText()).toMatch(/[高低]于序时进度\d+(\.\d)?个百分点/);
    const draftChart = page.locator('.msg .chart[data-rendered=true]').first();
    await expect.poll(() => draftChart.count(), { timeout: 15_000 }).toBe(1);
    await draftChart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // VChart draws its bars over a few frames even without animation
    await shot('4-admin-bulletin-draft');

    await approval.getByRole('button', { name: '发布' }).click();
    await page.locator('.modal').getByRole('button', { name: '确定' }).click();
    // The approval card is updated in place: its buttons give way to who published it and when.
    await expect.poll(() => approval.innerText(), { timeout: 15_000 }).toMatch(/✅ 已(由.+)?于.+发布/);

    await page.locator('.chat-item[data-chat=group]').click();
    const posted = page.locator('.msg[data-from=bot]', { hasText: '截至10月底' }).last();
    await expect.poll(() => posted.count(), { timeout: 15_000 }).toBe(1);
    expect(await posted.innerText()).not.toContain('待审定');
    const chart = page.locator('.msg .chart[data-rendered=true]').last();
    await expect.poll(() => chart.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const canvas = chart.locator('canvas');
    expect(await canvas.count()).toBeGreaterThan(0);
    const box = await canvas.first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThan(150);
    // The county ranking table of the bulletin, one row per county of the register (11 in the sample).
    const ranking = page.locator('.msg[data-from=bot] table.grid', { hasText: '排名' }).last();
    expect(await ranking.locator('tbody tr').count()).toBeGreaterThan(0);
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot('5-group-bulletin-chart');
  }, 90_000);
});
