// Who may ask about what: one rule over the asker's roles (leaders and administrators everything, reporters their unit and the city totals, county viewers their county).
import { describe, expect, it } from 'vitest';
import { type AskerRoles, DEFAULT_ACCESS_POLICY, maySeeAnything, maySeeCity, maySeeGroup, maySeeProject, visibilityOf } from '../../src/domain/question-access';

const asker = (roles: AskerRoles['roles'], o: Partial<AskerRoles> = {}): AskerRoles => ({ registered: true, isAdmin: false, roles, ...o });
const waterProject = { unitId: 6, countyId: 7 };
const roadProject = { unitId: 4, countyId: 2 };

describe('visibilityOf with the default policy', () => {
  it('someone not in the register sees nothing, not even the totals', () => {
    const v = visibilityOf({ registered: false, isAdmin: false, roles: [] });
    expect([v.registered, maySeeProject(v, waterProject), maySeeCity(v), maySeeAnything(v)]).toEqual([false, false, false, false]);
  });

  it('a leader sees every project and every group', () => {
    const v = visibilityOf(asker([{ role: 'leader', unitId: null, countyId: null }]));
    expect([maySeeProject(v, waterProject), maySeeProject(v, roadProject), maySeeGroup(v, [waterProject, roadProject]), maySeeCity(v)]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('an administrator named in the settings sees everything, even without a person in the register', () => {
    const v = visibilityOf({ registered: false, isAdmin: true, roles: [] });
    expect([v.all, maySeeCity(v)]).toEqual([true, true]);
  });

  it("a reporter sees their unit's projects and the city totals, not another unit's project or a county's group", () => {
    const v = visibilityOf(asker([{ role: 'reporter', unitId: 6, countyId: null }]));
    expect(maySeeProject(v, waterProject)).toBe(true);
    expect(maySeeProject(v, roadProject)).toBe(false);
    expect(maySeeGroup(v, [waterProject])).toBe(true);
    expect(maySeeGroup(v, [waterProject, roadProject])).toBe(false);
    expect(maySeeCity(v)).toBe(true);
  });

  it('a unit head sees as the unit reporters do; a county viewer sees the county', () => {
    expect(maySeeProject(visibilityOf(asker([{ role: 'unit_head', unitId: 4, countyId: null }])), roadProject)).toBe(true);
    const county = visibilityOf(asker([{ role: 'county_viewer', unitId: null, countyId: 7 }]));
    expect([maySeeProject(county, waterProject), maySeeProject(county, roadProject), maySeeCity(county)]).toEqual([true, false, true]);
  });

  it('roles add up', () => {
    const v = visibilityOf(
      asker([
        { role: 'reporter', unitId: 4, countyId: null },
        { role: 'county_viewer', unitId: null, countyId: 7 },
      ]),
    );
    expect(maySeeGroup(v, [waterProject, roadProject])).toBe(true);
  });

  it('a registered person without any role is told they have no access', () => {
    expect(maySeeAnything(visibilityOf(asker([])))).toBe(false);
  });

  it('is configurable: a policy that keeps reporters from the city totals', () => {
    const policy = { ...DEFAULT_ACCESS_POLICY, cityTotals: ['county_viewer'] };
    expect(maySeeCity(visibilityOf(asker([{ role: 'reporter', unitId: 6, countyId: null }]), policy))).toBe(false);
    const leadersOnly = { grants: { leader: 'all' as const }, cityTotals: [] };
    expect(maySeeAnything(visibilityOf(asker([{ role: 'reporter', unitId: 6, countyId: null }]), leadersOnly))).toBe(false);
  });
});
