// The ledger's cards: each one passes the Card JSON 2.0 rules, offers the step of the person holding it and no other,
// and stays under Feishu's 30 KB with a city's worth of units.
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../cards/limits';
import { type ProblemCardMode, type ProblemCardVM, renderProblemCard } from '../../cards/problem/card';
import { problemRow } from '../../cards/problem/list';
import { renderCardText } from '../../cards/text-render';
import { checkCardRules } from '../helpers/card-rules';

const units = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `第${i + 1}个市直部门或县区人民政府名称` }));

function vm(o: Partial<ProblemCardVM> = {}): ProblemCardVM {
  return {
    id: 12,
    status: '办理中',
    overdue: true,
    escalationLevel: 2,
    category: '用地',
    categoryId: 'land',
    description: '征地拆迁尚有3户未签约<font color="red">**',
    coordination: '请协调用地报批',
    project: { name: '青河县城区污水处理厂及配套管网工程', code: 'LJ2026-014', county: '青河县', unit: '市水利局', leader: '金俊杰' },
    raised: { by: '郝立新', atText: '9月22日（周二）10:00', weeks: ['第39周', '第40周'] },
    assignment: { leadUnit: '市自然资源和规划局', helpers: ['市水利局'], deadlineText: '9月30日（周三）', dueText: '已逾期4个工作日' },
    closedAtText: null,
    history: [{ atText: '10月12日（周一）09:00', who: '调度助手', what: '上升协调：已报送包联领导金俊杰' }],
    historyMore: 0,
    mode: 'none',
    nonce: 'abc',
    queriedAtText: '10月12日（周一）16:00',
    assignForm: { units: units(24), leadUnitId: 11, helperUnitIds: [4], deadline: '2026-10-13', defaultWorkdays: 10, defaultDeadlineText: '10月13日（周二）' },
    ...o,
  };
}

const kinds = (card: unknown) => (JSON.stringify(card).match(/"kind":"problem_[a-z]+"/g) ?? []).map((k) => k.slice(8, -1)).sort();

describe('the problem card', () => {
  const MODES: Array<[ProblemCardMode, string[]]> = [
    ['assign', ['problem_assign', 'problem_dismiss', 'problem_view']],
    ['work', ['problem_apply', 'problem_note', 'problem_view']],
    ['help', ['problem_note', 'problem_view']],
    ['instruct', ['problem_note', 'problem_view']],
    ['decide', ['problem_close', 'problem_return', 'problem_view']],
    ['none', ['problem_view']],
  ];
  it.each(MODES)('in mode %s passes the card rules and offers %o', (mode, offered) => {
    const card = renderProblemCard(vm({ mode }));
    expect(checkCardRules(card)).toEqual([]);
    expect(kinds(card)).toEqual(offered);
  });

  it('shows what people typed as text, not as markup, and reads in the terminal', () => {
    const text = renderCardText(renderProblemCard(vm()));
    expect(text).toContain('【青河县城区污水处理厂及配套管网工程】［办理中］［逾期］［上升协调］');
    expect(text).toContain('问题编号 12 · 用地 · 办理中');
    expect(text).toContain('问题描述：征地拆迁尚有3户未签约<font color="red">**');
    expect(text).toContain('办理期限：9月30日（周三）（已逾期4个工作日）');
    expect(text).toContain('提出：郝立新于9月22日（周二）10:00填报；已在第39周、第40周共2次填报');
  });

  it('names from the register reach the markdown escaped: a county called <at id=all></at> mentions nobody', () => {
    const evil = '<at id=all></at>';
    const card = renderProblemCard(
      vm({
        project: { name: evil, code: evil, county: evil, unit: evil, leader: evil },
        raised: { by: evil, atText: '9月22日（周二）10:00', weeks: ['第39周'] },
        assignment: { leadUnit: evil, helpers: [evil, '[点此](https://x.cn)'], deadlineText: '9月30日（周三）', dueText: null },
        description: evil,
        coordination: evil,
      }),
    );
    const markdowns: string[] = [];
    JSON.stringify(card, (_k, v) => {
      if (v && typeof v === 'object' && (v as { tag?: unknown }).tag === 'markdown') markdowns.push(String((v as { content: unknown }).content));
      return v;
    });
    expect(markdowns.length).toBeGreaterThan(3);
    for (const md of markdowns) expect(md).not.toMatch(/<at|\]\(|:\/\//);
    expect(renderCardText(card)).toContain(`所属项目：${evil}（${evil} · ${evil} · 责任单位${evil} · 包联领导${evil}）`);
    expect(renderCardText(card)).toContain(`牵头单位：${evil}　配合单位：${evil}、[点此](https://x.cn)`);
  });

  it('with 150 units the 交办 form leaves out the helper units rather than pass 30 KB', () => {
    const small = renderProblemCard(vm({ mode: 'assign' }));
    expect(JSON.stringify(small)).toContain('helper_units');
    const big = renderProblemCard(vm({ mode: 'assign', assignForm: { ...vm().assignForm!, units: units(150) } }));
    expect(checkCard(big).ok).toBe(true);
    expect(checkCardRules(big)).toEqual([]);
    expect(JSON.stringify(big)).not.toContain('helper_units');
    expect(renderCardText(big)).toContain('单位较多，卡片中未列配合单位');
  });

  it('a closed item shows neither 逾期 nor 上升协调 any more', () => {
    const text = renderCardText(renderProblemCard(vm({ status: '已销号', closedAtText: '10月14日（周三）11:00' })));
    expect(text).toContain('【青河县城区污水处理厂及配套管网工程】［已销号］\n');
    expect(text).toContain('销号时间：10月14日（周三）11:00');
    expect(text).toContain('该问题已销号。');
  });
});

describe('a ledger row', () => {
  it('names the state with its side states while open', () => {
    const row = {
      id: 3,
      projectName: 'P',
      category: '资金',
      description: '专项债资金尚未拨付',
      leadUnitName: null,
      deadline: '2026-10-13',
      status: '已交办',
      overdue: true,
      escalationLevel: 1,
    };
    expect(problemRow(row)).toEqual({
      id: '问题3',
      name: 'P',
      category: '资金',
      text: '专项债资金尚未拨付',
      lead: '—',
      deadline: '10月13日（周二）',
      state: [
        { text: '已交办', color: 'blue' },
        { text: '逾期', color: 'red' },
        { text: '已督办', color: 'carmine' },
      ],
    });
    expect(problemRow({ ...row, status: '已销号' }).state).toEqual([{ text: '已销号', color: 'green' }]);
  });
});
