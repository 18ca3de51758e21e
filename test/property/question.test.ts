// The question parser under anything typed into a chat: it never throws, and always answers with an intent whose
// projects and names exist in the register (against the sample register's index).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NameIndex } from '../../src/domain/name-index';
import { type Intent, parseQuestion } from '../../src/domain/question';
import { CITY_WORDS, LIST_WORDS, MINE_WORDS, SURPLUS_WORDS } from '../../src/domain/question-words';
import { sampleIndex } from '../helpers/question-index';

const KINDS = [
  'help',
  'thanks',
  'unknown',
  'project',
  'pick',
  'maybe',
  'not_found',
  'no_leader',
  'summary',
  'city',
  'list',
  'problem',
  'problems',
  // Figures of a period and rankings (question-metrics.ts): a piece such as 完成投资 or 最低 among the words.
  'metric',
  'ranking',
  'week_reporting',
  'month_bulletin',
];
/** Words of figures, periods and rankings, mixed in with the others. */
const METRIC_WORDS = [
  '完成率',
  '完成投资',
  '多少亿',
  '多少万',
  '最低',
  '最高的5个',
  '排名',
  '县区排名',
  '单位',
  '月通报',
  '上周报送情况',
  '10月',
  '十月底',
  '前三季度',
  '本月',
  '上季度',
];

describe('parseQuestion on any text', () => {
  let index: NameIndex;
  beforeAll(async () => {
    index = await sampleIndex();
  });

  /** Every id the intent names is one of the index's. */
  function check(text: string, intent: Intent) {
    expect(KINDS, text).toContain(intent.kind);
    if (intent.kind === 'project') expect(index.byId.has(intent.projectId), text).toBe(true);
    if (intent.kind === 'pick' || intent.kind === 'maybe') {
      expect(intent.projectIds.length, text).toBeGreaterThan(0);
      for (const id of intent.projectIds) expect(index.byId.has(id), text).toBe(true);
    }
    if (intent.kind === 'problem') expect(Number.isSafeInteger(intent.id) && intent.id > 0, text).toBe(true);
    if (intent.kind === 'problems') for (const id of intent.projects?.ids ?? []) expect(index.byId.has(id), text).toBe(true);
    if (
      intent.kind === 'summary' ||
      intent.kind === 'list' ||
      intent.kind === 'problems' ||
      intent.kind === 'metric' ||
      intent.kind === 'ranking' ||
      intent.kind === 'week_reporting'
    ) {
      const f = intent.filter;
      if (f.county !== undefined) expect(index.names.county.has(f.county), text).toBe(true);
      if (f.category !== undefined) expect(index.names.category.has(f.category), text).toBe(true);
      if (f.unit !== undefined) expect(index.names.unit.has(f.unit), text).toBe(true);
      if (f.leader !== undefined) expect(index.names.leader.has(f.leader), text).toBe(true);
    }
    if (intent.kind === 'not_found') for (const s of intent.closest) expect(s, text).toBeTruthy();
  }

  it('any string of code units or graphemes, short or long', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', minLength: 1000, maxLength: 3000 }),
    );
    fc.assert(
      fc.property(text, (t) => check(t, parseQuestion(t, index))),
      { numRuns: 1500 },
    );
  });

  it('the words questions are made of, in any order and number, with names of the register and broken codes', () => {
    const names = [
      ...index.projects.flatMap((p) => [p.name, p.code, p.name.slice(0, 4), p.name.slice(2, 6)]),
      ...Object.values(index.names).flatMap((m) => [...m.values()]),
    ];
    const words = [
      ...new Set([
        ...names,
        ...LIST_WORDS.flatMap(([, w]) => w),
        ...CITY_WORDS,
        ...MINE_WORDS,
        ...SURPLUS_WORDS,
        ...METRIC_WORDS,
        '帮助',
        '谢谢',
        '？',
        '，',
        ' ',
        '@_user_1',
      ]),
    ];
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{0,3}[-_ ]?\d{0,5}[-_ ]?\d{0,7}$/) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    );
    const question = fc.array(piece, { maxLength: 8 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(question, (t) => check(t, parseQuestion(t, index))),
      { numRuns: 1500 },
    );
  });
});
