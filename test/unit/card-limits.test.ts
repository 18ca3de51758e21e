// Cards are checked against Feishu's Card JSON 2.0 limits before they are queued.
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../cards/limits';

const md = (content: string) => ({ tag: 'markdown', content });
const card = (elements: unknown[]) => ({ schema: '2.0', header: { title: { tag: 'plain_text', content: '周调度' } }, body: { elements } });

describe('checkCard', () => {
  it('accepts an ordinary card and counts its components', () => {
    const r = checkCard(card([md('**安置房二期**'), { tag: 'hr' }, { tag: 'button', text: { tag: 'plain_text', content: '填报' } }]));
    expect(r).toMatchObject({ ok: true, components: 3 });
  });

  it('refuses a card over 30 KB, naming its size', () => {
    const r = checkCard(card([md('进度'.repeat(6000))]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join()).toMatch(/35\.3 KB，超过 30 KB 上限/);
  });

  it('refuses more than 200 components and more than 5 tables', () => {
    expect(checkCard(card(Array.from({ length: 201 }, () => ({ tag: 'hr' }))))).toEqual({ ok: false, problems: ['卡片组件 201 个，超过 200 个上限'] });
    const tables = Array.from({ length: 6 }, () => ({ tag: 'table', columns: [], rows: [] }));
    expect(checkCard(card(tables))).toEqual({ ok: false, problems: ['卡片表格 6 个，超过 5 个上限'] });
  });

  it('refuses containers nested deeper than five levels and a 1.0 card', () => {
    let inner: unknown = md('x');
    for (let i = 0; i < 6; i++) inner = { tag: 'collapsible_panel', elements: [inner] };
    expect(checkCard(card([inner]))).toEqual({ ok: false, problems: ['容器嵌套 6 层，超过 5 层上限'] });
    expect(checkCard({ elements: [md('x')] }).ok).toBe(false);
  });
});
