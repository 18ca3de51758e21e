// Recognising the same problem reported again in other words: the suggestion the form preselects and an unanswered
// form follows.
import { describe, expect, it } from 'vitest';
import { type Candidate, suggestProblem, textSimilarity } from '../../src/domain/problem-match';

const item = (id: number, category: string, texts: string[], linkedLastTime = false): Candidate => ({ id, category, texts, linkedLastTime });

describe('textSimilarity', () => {
  it('is 1 for the same words whatever the punctuation, spaces, width and figures', () => {
    expect(textSimilarity('征地拆迁尚有3户未签约。', '征地拆迁 尚有１２户未签约')).toBe(1);
  });
  it('is 0 for nothing in common, and for nothing at all', () => {
    expect(textSimilarity('专项债资金未拨付', '管线迁改')).toBe(0);
    expect(textSimilarity('', '征地拆迁')).toBe(0);
  });
  it('is high for a rewording and low for another problem', () => {
    expect(textSimilarity('征地拆迁尚有3户未签约', '征地拆迁还有2户未签约，正在做工作')).toBeGreaterThan(0.5);
    expect(textSimilarity('征地拆迁尚有3户未签约', '施工许可证尚未办理')).toBeLessThan(0.2);
  });
});

describe('suggestProblem', () => {
  const open = [item(1, 'land', ['征地拆迁尚有3户未签约', '请协调用地报批']), item(2, 'funding', ['专项债资金尚未拨付'])];

  it('finds the item a reworded report repeats', () => {
    expect(suggestProblem({ categories: ['land'], texts: ['征地拆迁尚有2户未签约'] }, open)).toBe(1);
    expect(suggestProblem({ categories: ['funding'], texts: ['专项债资金仍未拨付到位'] }, open)).toBe(2);
  });
  it('finds none for a problem the ledger does not hold', () => {
    expect(suggestProblem({ categories: ['approval'], texts: ['施工许可证尚未办理'] }, open)).toBeNull();
    expect(suggestProblem({ categories: ['land'], texts: [] }, open)).toBeNull();
    expect(suggestProblem({ categories: ['land'], texts: ['征地拆迁尚有2户未签约'] }, [])).toBeNull();
  });
  it("leans to the item last week's report was linked to, when the wording alone is not enough", () => {
    const vague = { categories: ['land'], texts: ['用地报批仍在协调'] };
    expect(suggestProblem(vague, [item(1, 'land', ['征地拆迁尚有3户未签约，用地报批未完成'])])).toBeNull();
    expect(suggestProblem(vague, [item(1, 'land', ['征地拆迁尚有3户未签约，用地报批未完成'], true)])).toBe(1);
  });
  it('takes the closest of several', () => {
    const two = [item(3, 'land', ['林地报批未完成']), item(4, 'land', ['征地拆迁尚有3户未签约'])];
    expect(suggestProblem({ categories: ['land'], texts: ['征地拆迁尚有1户未签约'] }, two)).toBe(4);
  });
});
