// The quarterly 储备库 card's paging: each page says what it lists and where the rest is, and its button goes there.
import { describe, expect, it } from 'vitest';
import { type QuarterlyRow, renderQuarterlyCard } from '../../cards/batches/quarterly';
import { checkCardRules } from '../helpers/card-rules';
import { cardText } from '../helpers/round';

const rows: QuarterlyRow[] = Array.from({ length: 65 }, (_, i) => ({
  id: i + 1,
  code: `CB-${String(i + 1).padStart(2, '0')}`,
  name: `储备项目${i + 1}`,
  countyName: '江北区',
  totalText: '1.00亿元',
  stage: '前期',
  confirmed: false,
}));
const page = (from: number) => renderQuarterlyCard({ quarter: '2026-Q4', unitId: 7, unitName: '市发展改革委', rows, from });
const pageButtons = (card: unknown) => (JSON.stringify(card).match(/"reserve_page"[^}]*\}/g) ?? []).length;

describe('the quarterly 储备库 card of a unit with 65 projects', () => {
  it('page one: 1–30, the other 35 behind “查看其余项目”', () => {
    const text = cardText(page(0));
    expect(text).toContain('共65个储备项目，本卡片列出第1—30个。另有35个项目未列出，请先确认以上项目');
    expect(text).toContain('查看其余项目');
    expect(pageButtons(page(0))).toBe(1);
  });

  it('page two: 31–60, the 35 not listed are behind “查看其余项目”, not “回到第一页”', () => {
    const text = cardText(page(30));
    expect(text).toContain('共65个储备项目，本卡片列出第31—60个。另有35个项目未列出，请点“查看其余项目”。');
    expect(text).not.toContain('回到第一页');
  });

  it('the last page: 61–65, the rest behind “回到第一页”', () => {
    const text = cardText(page(60));
    expect(text).toContain('共65个储备项目，本卡片列出第61—65个。其余60个项目请点“回到第一页”查看。');
    expect(text).toContain('回到第一页');
  });

  it('every page keeps to the card rules', () => {
    for (const from of [0, 30, 60]) expect(checkCardRules(page(from))).toEqual([]);
  });
});
