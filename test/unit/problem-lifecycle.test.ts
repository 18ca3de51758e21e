// The ledger's lifecycle table: which step each status allows, who may take it, where it leads, and when to escalate.
import { describe, expect, it } from 'vitest';
import { checkStep, escalationDue, NO_ROLES, type ProblemAction, type ProblemRoles, type ProblemStatus } from '../../src/domain/problem-lifecycle';

const admin: ProblemRoles = { ...NO_ROLES, admin: true };
const lead: ProblemRoles = { ...NO_ROLES, lead: true };
const helper: ProblemRoles = { ...NO_ROLES, helper: true };
const leader: ProblemRoles = { ...NO_ROLES, leader: true };
const note = '已办理';

describe('checkStep', () => {
  const WALK: Array<[ProblemStatus, ProblemAction, ProblemRoles, ProblemStatus, { sameLead?: boolean }?]> = [
    ['待梳理', 'assign', admin, '已交办'],
    ['已交办', 'note', lead, '办理中'],
    ['已交办', 'note', helper, '办理中'],
    ['办理中', 'note', lead, '办理中'],
    ['已交办', 'note', leader, '已交办'],
    ['待梳理', 'note', leader, '待梳理'],
    ['申请销号', 'note', admin, '申请销号'],
    ['办理中', 'apply', lead, '申请销号'],
    ['已交办', 'apply', lead, '申请销号'],
    ['申请销号', 'return', admin, '办理中'],
    ['申请销号', 'close', admin, '已销号'],
    ['待梳理', 'dismiss', admin, '已销号'],
    ['办理中', 'dismiss', admin, '已销号'],
    ['办理中', 'assign', admin, '办理中', { sameLead: true }],
    ['办理中', 'assign', admin, '已交办', { sameLead: false }],
  ];
  it.each(WALK)('%s —%s→ (by %o) %s', (status, action, roles, to, o) => {
    expect(checkStep(status, action, roles, { note, ...o })).toEqual({ ok: true, to });
  });

  const REFUSED: Array<[ProblemStatus, ProblemAction, ProblemRoles, 'role' | 'status' | 'note', string | null]> = [
    ['待梳理', 'assign', lead, 'role', note],
    ['待梳理', 'assign', leader, 'role', note],
    ['申请销号', 'close', lead, 'role', note],
    ['申请销号', 'return', leader, 'role', note],
    ['办理中', 'apply', helper, 'role', note],
    ['办理中', 'apply', admin, 'role', note],
    ['办理中', 'note', NO_ROLES, 'role', note],
    ['待梳理', 'note', lead, 'status', note],
    ['申请销号', 'note', lead, 'status', note],
    ['已销号', 'note', admin, 'status', note],
    ['申请销号', 'assign', admin, 'status', note],
    ['已销号', 'assign', admin, 'status', note],
    ['办理中', 'close', admin, 'status', note],
    ['待梳理', 'apply', lead, 'status', note],
    ['办理中', 'apply', lead, 'note', '  '],
    ['申请销号', 'return', admin, 'note', null],
    ['待梳理', 'dismiss', admin, 'note', ''],
    ['办理中', 'note', lead, 'note', null],
  ];
  it.each(REFUSED)('%s —%s→ refused to %o: %s', (status, action, roles, why, n) => {
    expect(checkStep(status, action, roles, { note: n })).toEqual({ ok: false, why });
  });

  it('needs no note to 交办 or to confirm 销号', () => {
    expect(checkStep('待梳理', 'assign', admin, { note: null })).toEqual({ ok: true, to: '已交办' });
    expect(checkStep('申请销号', 'close', admin)).toEqual({ ok: true, to: '已销号' });
  });
});

describe('escalationDue', () => {
  it('escalates to the unit head at once, to the 包联领导 after the step in working days, and no further', () => {
    expect(escalationDue(0, null, 3)).toBe(1);
    expect(escalationDue(1, 0, 3)).toBeNull();
    expect(escalationDue(1, 2, 3)).toBeNull();
    expect(escalationDue(1, 3, 3)).toBe(2);
    expect(escalationDue(1, 9, 3)).toBe(2);
    expect(escalationDue(2, 30, 3)).toBeNull();
  });
});
