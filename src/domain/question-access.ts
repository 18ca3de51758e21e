// Who may ask about what (domain.md §6), as one rule over the asker's roles: the default policy, kept as data to configure.

/** What a role opens: every project, its unit's projects, its county's projects, or nothing. */
export type Grant = 'all' | 'unit' | 'county' | 'none';

export type AccessPolicy = {
  grants: Readonly<Record<string, Grant>>;
  /** Roles that also see the city's totals (counts and sums, no other project's details). */
  cityTotals: readonly string[];
};

/**
 * Leaders and administrators see everything; reporters, unit heads and unit viewers their unit, county viewers their
 * county; all of them the city totals.
 */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  grants: { admin: 'all', leader: 'all', county_viewer: 'county', reporter: 'unit', unit_head: 'unit', unit_viewer: 'unit' },
  cityTotals: ['reporter', 'unit_head', 'county_viewer', 'unit_viewer'],
};

export type AskerRoles = {
  /** A person of the register (not resigned), or an administrator named in the settings. */
  registered: boolean;
  isAdmin: boolean;
  roles: ReadonlyArray<{ role: string; unitId: number | null; countyId: number | null }>;
};

export type Visibility = {
  registered: boolean;
  all: boolean;
  unitIds: ReadonlySet<number>;
  countyIds: ReadonlySet<number>;
  cityTotals: boolean;
};

export const NOBODY: Visibility = { registered: false, all: false, unitIds: new Set(), countyIds: new Set(), cityTotals: false };

export function visibilityOf(asker: AskerRoles, policy: AccessPolicy = DEFAULT_ACCESS_POLICY): Visibility {
  if (!asker.registered && !asker.isAdmin) return NOBODY;
  const unitIds = new Set<number>();
  const countyIds = new Set<number>();
  let all = asker.isAdmin && policy.grants.admin === 'all';
  let cityTotals = false;
  for (const r of asker.roles) {
    const grant = policy.grants[r.role] ?? 'none';
    if (grant === 'all') all = true;
    if (grant === 'unit' && r.unitId !== null) unitIds.add(r.unitId);
    if (grant === 'county' && r.countyId !== null) countyIds.add(r.countyId);
    if (policy.cityTotals.includes(r.role)) cityTotals = true;
  }
  return { registered: true, all, unitIds, countyIds, cityTotals: all || cityTotals };
}

export type ProjectPlace = { unitId: number; countyId: number };

export function maySeeProject(v: Visibility, p: ProjectPlace): boolean {
  return v.all || v.unitIds.has(p.unitId) || v.countyIds.has(p.countyId);
}

/** A summary of a group of projects shows their figures together: allowed only when each of them may be seen. */
export function maySeeGroup(v: Visibility, projects: readonly ProjectPlace[]): boolean {
  return v.all || (v.registered && projects.every((p) => maySeeProject(v, p)));
}

export function maySeeCity(v: Visibility): boolean {
  return v.all || v.cityTotals;
}

/** Whether the asker sees something (a project, or the totals); someone with no grant at all is told so. */
export function maySeeAnything(v: Visibility): boolean {
  return v.all || v.cityTotals || v.unitIds.size > 0 || v.countyIds.size > 0;
}
