// No near miss is answered as another project: for every project of the sample register, two of its name's characters
// swapped never give a project card of a different project (the question parser on the sample register's index).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NameIndex } from '../../src/domain/name-index';
import { parseQuestion } from '../../src/domain/question';
import { sampleIndex } from '../helpers/question-index';

describe('a name with two characters swapped', () => {
  let index: NameIndex;
  beforeAll(async () => {
    index = await sampleIndex();
  });

  const swapped = (name: string, i: number, j: number) => {
    const cs = [...name];
    [cs[i], cs[j]] = [cs[j]!, cs[i]!];
    return cs.join('');
  };

  it('is never a card of a different project, for any two characters of any project', () => {
    const pair = fc.record({ p: fc.nat(), i: fc.nat(), j: fc.nat(), tail: fc.constantFrom('', '进展', '怎么样了', '的情况') }).map(({ p, i, j, tail }) => {
      const project = index.projects[p % index.projects.length]!;
      const n = [...project.name].length;
      return { project, text: `${swapped(project.name, i % n, j % n)}${tail}` };
    });
    fc.assert(
      fc.property(pair, ({ project, text }) => {
        const intent = parseQuestion(text, index);
        if (intent.kind === 'project') expect(intent.projectId, `${text} → ${index.byId.get(intent.projectId)?.name}`).toBe(project.id);
      }),
      { numRuns: 3000 },
    );
  });

  it('is never a card of a different project, for every project and every two neighbouring characters', () => {
    for (const project of index.projects) {
      const n = [...project.name].length;
      for (let i = 0; i + 1 < n; i++) {
        const text = swapped(project.name, i, i + 1);
        const intent = parseQuestion(text, index);
        if (intent.kind === 'project') expect(intent.projectId, `${text} → ${index.byId.get(intent.projectId)?.name}`).toBe(project.id);
      }
    }
  });
});
