// What an administrator may store in each setting, and the reasons (in Chinese, naming the key) when refused.
import { describe, expect, it } from 'vitest';
import {
  checkSettingsTogether,
  isSettingKey,
  type SettingKey,
  type Settings,
  settingDefinitions,
  settingKeys,
  validateSetting,
  weekdayNumber,
} from '../../src/domain/settings';

const defaults = Object.fromEntries(settingKeys.map((k) => [k, settingDefinitions[k].default])) as unknown as Settings;
const CURVE = [2, 6, 12, 20, 28, 36, 45, 54, 63, 74, 86, 100];

function accepted(key: SettingKey, value: unknown): unknown {
  const r = validateSetting(key, value);
  if (!r.ok) throw new Error(`refused ${key}=${JSON.stringify(value)}: ${r.error}`);
  return r.value;
}

function refused(key: SettingKey, value: unknown): string {
  const r = validateSetting(key, value);
  if (r.ok) throw new Error(`accepted ${key}=${JSON.stringify(value)}`);
  return r.error;
}

describe('the setting table', () => {
  it('has the keys the operations manual names', () => {
    expect(settingKeys).toEqual(
      expect.arrayContaining([
        'admins',
        'bulletin.autoPublish',
        'bulletin.schedule',
        'calendar.corrections',
        'lights.lateStartRedMonths',
        'lights.points',
        'lights.ratio',
        'lights.ratioBelow',
        'lights.rule',
        'progress.curve',
        'progress.rule',
        'round.deadline',
        'round.open',
        'round.remind',
      ]),
    );
  });

  it.each(settingKeys)('the default of %s passes its own validation and has a Chinese description', (key) => {
    expect(accepted(key, settingDefinitions[key].default)).toEqual(settingDefinitions[key].default);
    expect(settingDefinitions[key].description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the defaults together are consistent', () => {
    expect(checkSettingsTogether(defaults)).toBeNull();
  });

  it('the weekly round defaults: open Monday 09:00, remind Thursday 15:00, deadline Friday 18:00', () => {
    expect(defaults['round.open']).toBe('周一 09:00');
    expect(defaults['round.remind']).toBe('周四 15:00');
    expect(defaults['round.deadline']).toBe('周五 18:00');
    expect(defaults['progress.rule']).toBe('months');
    expect(defaults['lights.points']).toEqual({ yellow: 10, red: 30 });
  });

  it('isSettingKey knows only the table’s keys (not inherited object properties)', () => {
    expect(isSettingKey('round.open')).toBe(true);
    expect(isSettingKey('round.close')).toBe(false);
    expect(isSettingKey('toString')).toBe(false);
    expect(isSettingKey('__proto__')).toBe(false);
  });
});

describe('week times (round.open / round.remind / round.deadline)', () => {
  it.each([
    ['周五 17:30', '周五 17:30'],
    ['周五17:30', '周五 17:30'],
    ['星期五 17:30', '周五 17:30'],
    ['星期天 08:00', '周日 08:00'],
    ['周天 08:00', '周日 08:00'],
    ['  周一 00:00 ', '周一 00:00'],
    ['周日 23:59', '周日 23:59'],
  ])('accepts %j as %j', (raw, stored) => {
    expect(accepted('round.deadline', raw)).toBe(stored);
  });

  it.each(['周八 09:00', '周五 24:00', '周五 9:00', '周五 09:60', 'Friday 18:00', '18:00', '', '周五  18:00'])('refuses %j with the expected format', (raw) => {
    const error = refused('round.open', raw);
    expect(error).toContain('round.open');
    expect(error).toContain('周一 09:00');
  });

  it('refuses a number, saying in Chinese that text is expected', () => {
    const error = refused('round.remind', 5);
    expect(error).toContain('round.remind 的值无效');
    expect(error).not.toMatch(/Invalid|expected/);
  });

  it.each([
    ['周一 09:00', 1],
    ['周四 15:00', 4],
    ['周五 18:00', 5],
    ['周六 10:00', 6],
    ['周日 08:00', 7],
  ])('weekdayNumber(%j) is %i (Monday = 1)', (v, n) => {
    expect(weekdayNumber(v)).toBe(n);
  });
});

describe('progress.rule and progress.curve', () => {
  it.each(['months', 'half_months', 'curve', 'days'])('accepts the rule %j', (rule) => {
    expect(accepted('progress.rule', rule)).toBe(rule);
  });

  it('refuses an unknown rule, listing the allowed ones in Chinese', () => {
    const error = refused('progress.rule', 'weeks');
    expect(error).toContain('progress.rule 的值无效');
    expect(error).toContain('months');
    expect(error).toContain('half_months');
    expect(error).not.toMatch(/Invalid option/);
  });

  it('accepts 12 non-decreasing cumulative percentages, or null', () => {
    expect(accepted('progress.curve', CURVE)).toEqual(CURVE);
    expect(accepted('progress.curve', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toHaveLength(12);
    expect(accepted('progress.curve', null)).toBeNull();
  });

  it('refuses a curve that is not 12 months long', () => {
    expect(refused('progress.curve', CURVE.slice(0, 11))).toContain('应为 12 个月的累计目标百分数');
  });

  it('refuses a curve that goes down', () => {
    const down = [...CURVE];
    down[5] = 10;
    expect(refused('progress.curve', down)).toContain('累计目标应逐月不减');
  });

  it('refuses a percentage above 100, naming the month’s position', () => {
    const over = [...CURVE];
    over[11] = 120;
    const error = refused('progress.curve', over);
    expect(error).toContain('progress.curve');
    expect(error).toContain('11：');
  });
});

describe('warning lights', () => {
  it('accepts points with red ≥ yellow, and refuses red below yellow', () => {
    expect(accepted('lights.points', { yellow: 10, red: 10 })).toEqual({ yellow: 10, red: 10 });
    expect(refused('lights.points', { yellow: 20, red: 10 })).toContain('red 应不小于 yellow');
  });

  it('accepts ratio with red ≤ yellow, and refuses red above yellow', () => {
    expect(accepted('lights.ratio', { yellow: 80, red: 60 })).toEqual({ yellow: 80, red: 60 });
    expect(refused('lights.ratio', { yellow: 60, red: 80 })).toContain('red 应不大于 yellow');
  });

  it('refuses a misspelt or extra field rather than ignoring it', () => {
    const error = refused('lights.points', { yellow: 10, red: 30, blue: 5 });
    expect(error).toContain('blue');
    expect(refused('lights.ratioBelow', { red: 50, yellow: 10 })).toContain('yellow');
  });

  it('refuses a missing or non-numeric field, naming it', () => {
    expect(refused('lights.points', { yellow: 10 })).toContain('red：');
    expect(refused('lights.points', { yellow: 10, red: '30' })).toContain('red：');
  });

  it('refuses a percentage outside 0–100', () => {
    expect(refused('lights.ratioBelow', { red: 101 })).toContain('red：');
    expect(refused('lights.points', { yellow: -1, red: 30 })).toContain('yellow：');
  });

  it.each(['points', 'ratio', 'ratio_below'])('accepts the rule %j', (rule) => {
    expect(accepted('lights.rule', rule)).toBe(rule);
  });

  it('accepts 1–12 whole months for a late start to turn red, nothing else', () => {
    expect(accepted('lights.lateStartRedMonths', 1)).toBe(1);
    expect(accepted('lights.lateStartRedMonths', 12)).toBe(12);
    for (const bad of [0, 13, 2.5, '3']) expect(refused('lights.lateStartRedMonths', bad)).toContain('lights.lateStartRedMonths');
  });
});

describe('calendar.corrections', () => {
  it('accepts holidays and make-up workdays, with an optional name', () => {
    const list = [
      { date: '2027-02-07', type: 'workday', name: '春节调休' },
      { date: '2027-02-08', type: 'holiday' },
    ];
    expect(accepted('calendar.corrections', list)).toEqual(list);
  });

  it('refuses a date that does not exist, naming the entry', () => {
    const error = refused('calendar.corrections', [{ date: '2027-02-30', type: 'holiday' }]);
    expect(error).toContain('不是真实存在的日期');
    expect(error).toContain('0.date');
  });

  it('refuses a badly written date and an unknown type', () => {
    expect(refused('calendar.corrections', [{ date: '2027/02/07', type: 'holiday' }])).toContain('YYYY-MM-DD');
    expect(refused('calendar.corrections', [{ date: '2027-02-07', type: 'vacation' }])).toContain('0.type');
  });

  it('refuses a name longer than 40 characters', () => {
    expect(refused('calendar.corrections', [{ date: '2027-02-07', type: 'holiday', name: '节'.repeat(41) }])).toContain('0.name');
  });
});

describe('bulletin and admins', () => {
  it('accepts a monthly schedule on days 1–28 only', () => {
    expect(accepted('bulletin.schedule', '1日 08:30')).toBe('1日 08:30');
    expect(accepted('bulletin.schedule', '28日 23:59')).toBe('28日 23:59');
    for (const bad of ['0日 09:00', '29日 09:00', '31日 09:00', '5日 25:00', '5号 09:00']) {
      expect(refused('bulletin.schedule', bad)).toContain('5日 09:00');
    }
  });

  it('takes auto-publishing as true or false, off unless set', () => {
    expect(settingDefinitions['bulletin.autoPublish'].default).toBe(false);
    expect(accepted('bulletin.autoPublish', true)).toBe(true);
    expect(refused('bulletin.autoPublish', '是')).toContain('bulletin.autoPublish');
  });

  it('accepts administrators by mobile, e-mail or open_id, trimmed', () => {
    expect(accepted('admins', ['13900010001', '+8613900010002', 'li.ming@example.gov.cn', 'ou_abc123', ' 13900010003 '])).toEqual([
      '13900010001',
      '+8613900010002',
      'li.ming@example.gov.cn',
      'ou_abc123',
      '13900010003',
    ]);
  });

  it('refuses an administrator that is none of those, naming the position', () => {
    const error = refused('admins', ['13900010001', '李明']);
    expect(error).toContain('应为手机号、邮箱或 open_id');
    expect(error).toContain('1：');
    expect(refused('admins', ['1390001000'])).toContain('admins');
  });

  it('refuses a single string where a list is expected, in Chinese', () => {
    const error = refused('admins', '13900010001');
    expect(error).toContain('admins 的值无效');
    expect(error).not.toMatch(/Invalid input|expected/);
  });
});

describe('checkSettingsTogether', () => {
  it('refuses the curve rule without a curve, saying what to set first', () => {
    const problem = checkSettingsTogether({ ...defaults, 'progress.rule': 'curve', 'progress.curve': null });
    expect(problem).toContain('progress.curve');
    expect(problem).toContain('先设置');
  });

  it('accepts the curve rule with a curve, and any other rule without one', () => {
    expect(checkSettingsTogether({ ...defaults, 'progress.rule': 'curve', 'progress.curve': CURVE })).toBeNull();
    for (const rule of ['months', 'half_months', 'days'] as const) {
      expect(checkSettingsTogether({ ...defaults, 'progress.rule': rule, 'progress.curve': null })).toBeNull();
    }
  });
});
