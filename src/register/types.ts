// The register once validated: plain values ready to be written, every key already normalised.

export type PersonIn = { name: string; mobile: string; email: string | null };
export type LeaderIn = PersonIn & { title: string | null };
export type UnitIn = { name: string; head: PersonIn; reporters: PersonIn[] };

/** How a project's 包联领导 is found when written: by mobile from the 领导 sheet, or an existing person (CSV). */
export type LeaderRef = { name: string; mobile: string } | { name: string; personId: number };

export type ProjectIn = {
  row: number;
  code: string;
  name: string;
  county: string;
  category: string;
  nature: string;
  level: string;
  unit: string;
  leader: LeaderRef | null;
  owner: string | null;
  content: string | null;
  /** undefined when the file has no 投资项目代码 column: the stored code is then left as it is. */
  nationalCode: string | null | undefined;
  totalYuan: number;
  annualYuan: number;
  priorYuan: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  /** The 储备编号 of the reserve project it came from; undefined when the file has no such column. */
  reserveCode: string | null | undefined;
};

/** A row of the optional 招商项目 sheet (四个一批); stage dates 'YYYY-MM-DD' or null. */
export type EnterpriseIn = {
  row: number;
  code: string;
  name: string;
  county: string;
  unit: string;
  signedOn: string;
  plannedYuan: number;
  startedOn: string | null;
  producingOn: string | null;
  effectiveOn: string | null;
};

/** A row of the optional 储备项目 sheet (重大项目储备库). */
export type ReserveIn = {
  row: number;
  code: string;
  name: string;
  county: string;
  category: string;
  totalYuan: number;
  stage: string;
  startYear: number | null;
  unit: string;
};

/** The roles the optional 权限 sheet grants: 县区查看, 单位查看, 管理员. */
export type SheetRole = 'county_viewer' | 'unit_viewer' | 'admin';

/** A row of the optional 权限 sheet: county for 县区查看, unit for 单位查看, neither for 管理员. */
export type RoleGrantIn = { row: number; name: string; mobile: string; role: SheetRole; county: string | null; unit: string | null };
/** A row of the optional 节点计划 sheet (节点控制): dates 'YYYY-MM-DD'; doneOn null when not yet reached. */
export type NodeIn = {
  row: number;
  code: string;
  name: string;
  plannedOn: string;
  kind: string | null;
  doneOn: string | null;
};

/** A row of the optional 月度计划 sheet: the planned cumulative investment (元) at the end of each month, January first. */
export type MonthPlanIn = { row: number; code: string; cumulativeYuan: number[] };

/** units and leaders are null for a CSV of the 项目 sheet: people and roles are then left untouched. */
export type Register = {
  source: 'xlsx' | 'csv';
  projects: ProjectIn[];
  units: UnitIn[] | null;
  leaders: LeaderIn[] | null;
  /** null when the file has no 招商项目 / 储备项目 sheet: what is stored is then left as it is. */
  enterprises: EnterpriseIn[] | null;
  reserve: ReserveIn[] | null;
  /** null when the file has no 权限 sheet: the roles it grants are then left as they are. */
  roles: RoleGrantIn[] | null;
  /** null when the file has no 节点计划 sheet (or is a CSV): stored nodes are then left as they are. */
  nodes?: NodeIn[] | null;
  /** null when the file has no 月度计划 sheet (or is a CSV): stored monthly plans are then left as they are. */
  monthPlans?: MonthPlanIn[] | null;
};

/** Units and leaders already in the database, which a CSV's 项目 rows are checked against. */
export type Reference = {
  units: string[];
  leaders: Array<{ name: string; personId: number }>;
};

export const NATURES = ['新开工', '续建', '竣工', '前期'] as const;
export const LEVELS = ['省重点', '市重点', '县重点'] as const;
