// 「填报」「我要填报」「补报」 as reporters type them are the request for their list card; questions that merely contain the
// word (报送情况, a project's name) are not.
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/domain/name-index';
import { parseReportRequest } from '../../src/domain/question-report';

const parse = (s: string) => parseReportRequest(normalizeText(s));

describe('parseReportRequest', () => {
  it.each([
    ['填报', false],
    ['我要填报', false],
    ['我要填报。', false],
    [' 填报 ', false],
    ['去填报一下', false],
    ['填报入口', false],
    ['补报', true],
    ['我要补报', true],
    ['补报！', true],
  ])('「%s」 asks for the list card (补报: %s)', (text, late) => {
    expect(parse(text)).toEqual({ kind: 'report', late });
  });

  it.each(['填报情况', '本周未报送', '江北区填报', '填报进度怎么样', '补报了哪些项目', '安置房二期'])('「%s」 is another question', (text) => {
    expect(parse(text)).toBeNull();
  });
});
