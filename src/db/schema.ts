// Table types for kysely: one interface per table, nullable (never optional) columns, Generated ids.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** bigint money columns: numbers in, numbers out (the PostgreSQL pool parses int8 to number; values stay < 2^53). */
type Money = ColumnType<number, number, number>;

export interface PlanYearsTable {
  year: number;
  created_at: string;
}
export interface CountiesTable {
  id: Generated<number>;
  name: string;
}
export interface CategoriesTable {
  id: Generated<number>;
  name: string;
}

export interface PeopleTable {
  id: Generated<number>;
  name: string;
  mobile: string | null;
  email: string | null;
  title: string | null;
  open_id: string | null;
  resigned_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  head_person_id: number | null;
}

export type RoleName = 'admin' | 'leader' | 'reporter' | 'unit_head' | 'county_viewer' | 'unit_viewer';

export interface PersonRolesTable {
  id: Generated<number>;
  person_id: number;
  role: RoleName;
  unit_id: number | null;
  county_id: number | null;
  scope: string;
  source: 'register' | 'manual';
  created_at: string;
}

export interface ProjectsTable {
  id: Generated<number>;
  plan_year: number;
  code: string;
  name: string;
  county_id: number;
  category_id: number;
  nature: string;
  level: string;
  unit_id: number;
  leader_id: number | null;
  owner: string | null;
  content: string | null;
  national_code: string | null;
  dropped_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectPlansTable {
  id: Generated<number>;
  project_id: number;
  version: number;
  total_investment_yuan: Money;
  annual_plan_yuan: Money;
  prior_completed_yuan: Money;
  planned_start: string | null;
  planned_end: string | null;
  source: string;
  recorded_at: string;
}

export interface WeeklyPeriodsTable {
  id: Generated<number>;
  plan_year: number;
  week_start: string;
  opens_at: string;
  remind_at: string;
  deadline_at: string;
  asks_month_end: string | null;
  created_at: string;
}

export interface ReportsTable {
  id: Generated<number>;
  project_id: number;
  period_id: number;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ReportRevisionsTable {
  id: Generated<number>;
  report_id: number;
  revision: number;
  submitted_by: number | null;
  submitted_at: string;
  ytd_investment_yuan: Money;
  month_end_investment_yuan: ColumnType<number | null, number | null, number | null>;
  progress_text: string;
  status: string;
  /** The day the status began, as the reporter gave it: for 停工 and 半停工 the 停工日期 ('YYYY-MM-DD'); else null. */
  status_date: string | null;
  problem_categories: string;
  problem_text: string | null;
  coordination: string | null;
  next_plan: string | null;
  correction_reason: string | null;
  no_change: Generated<number>;
  late: Generated<number>;
  changes: string;
}

export interface ProblemsTable {
  id: Generated<number>;
  project_id: number;
  category: string;
  description: string;
  is_coordination: Generated<number>;
  status: string;
  overdue: Generated<number>;
  escalation_level: Generated<number>;
  raised_by: number | null;
  raised_at: string;
  report_revision_id: number | null;
  lead_unit_id: number | null;
  helper_unit_ids: string | null;
  deadline: string | null;
  closed_at: string | null;
  updated_at: string;
  coordination: ColumnType<string | null, string | null | undefined, string | null>;
  escalated_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProblemReportsTable {
  id: Generated<number>;
  problem_id: number;
  report_id: number;
  report_revision_id: number;
  week_start: string;
  problem_text: string | null;
  coordination: string | null;
  categories: string;
  linked_by: 'created' | 'reporter' | 'bot';
  linked_at: string;
}

export interface ProblemEventsTable {
  id: Generated<number>;
  problem_id: number;
  actor_id: number | null;
  /** The actor's name when the register does not hold them (looked up in the Feishu directory), 0008. */
  actor_name: ColumnType<string | null, string | null | undefined, string | null>;
  at: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  lead_unit_id: ColumnType<number | null, number | null | undefined, number | null>;
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
}

/** draft → published | returned; a draft replaced by a newer one of the same month becomes superseded. */
export type BulletinStatus = 'draft' | 'returned' | 'published' | 'superseded';

export interface BulletinsTable {
  id: Generated<number>;
  /** The period key: '2026-10' for a monthly bulletin, '2026-Q3' for a quarter's analysis, '2026' for a year's assessment. */
  month: string;
  /** 'month' | 'quarter' | 'year' (0006). */
  kind: Generated<string>;
  status: BulletinStatus;
  snapshot: string;
  composed_at: string;
  decided_by: number | null;
  /** The decider's name when the register does not hold them (looked up in the Feishu directory), 0008. */
  decided_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: string | null;
  note: string | null;
}

export interface ChatsTable {
  chat_id: string;
  name: string | null;
  is_bulletin_group: Generated<number>;
  added_at: string;
  removed_at: string | null;
}

export interface HandledEventsTable {
  key: string;
  handled_at: string;
}

export interface InboxTable {
  id: Generated<number>;
  event_id: string;
  event_type: string;
  payload: string;
  status: 'pending' | 'done' | 'failed' | 'ignored';
  attempts: Generated<number>;
  received_at: string;
  processed_at: string | null;
  error: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  uuid: string;
  op: string;
  receive_id_type: string | null;
  receive_id: string | null;
  target_message_id: string | null;
  msg_type: string | null;
  content: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  sent_message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A file the outbox sends as a file message (0005): stored once, uploaded once (file_key), sent to any number of chats. */
export interface OutboxFilesTable {
  id: Generated<number>;
  name: string;
  file_name: string;
  file_type: string;
  data: Buffer;
  file_key: string | null;
  created_at: string;
}

export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  run_key: string;
  status: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

export interface EnterprisesTable {
  id: Generated<number>;
  plan_year: number;
  code: string;
  name: string;
  county_id: number;
  unit_id: number;
  signed_on: string;
  planned_yuan: Money;
  started_on: string | null;
  producing_on: string | null;
  effective_on: string | null;
  created_at: string;
  updated_at: string;
}
export interface EnterpriseEventsTable {
  id: Generated<number>;
  enterprise_id: number;
  stage: string;
  date: string;
  previous: string | null;
  reason: string | null;
  source: 'import' | 'card';
  person_id: number | null;
  recorded_at: string;
}
export interface ReserveProjectsTable {
  id: Generated<number>;
  code: string;
  name: string;
  county_id: number;
  category_id: number;
  total_yuan: Money;
  stage: string;
  start_year: number | null;
  unit_id: number;
  project_id: number | null;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}
/** A message showing a unit's list card of a week (0011), by the outbox key it was sent under. */
export interface RoundListCardsTable {
  message_key: string;
  period_id: number;
  unit_id: number;
  created_at: string;
  message_id: string | null;
}

/** What a round card shows since its holder last tapped it (0011): 'list', 'form' or 'saved'. */
export interface RoundCardViewsTable {
  message_id: string;
  view: 'list' | 'form' | 'saved';
  updated_at: string;
}

export interface ReserveEventsTable {
  id: Generated<number>;
  reserve_id: number;
  from_stage: string | null;
  to_stage: string;
  quarter: string | null;
  source: 'import' | 'card';
  person_id: number | null;
  recorded_at: string;
}

export interface StatsImportsTable {
  id: Generated<number>;
  month: string;
  file_name: string;
  rows: number;
  imported_at: string;
}
export interface StatsFiguresTable {
  month: string;
  code: string;
  name: string | null;
  stats_yuan: Money | null;
  in_library: number;
  row: number;
}
export interface StatsExplanationsTable {
  id: Generated<number>;
  month: string;
  project_id: number;
  kind: string;
  text: string;
  person_id: number | null;
  recorded_at: string;
}

export interface ToursTable {
  id: Generated<number>;
  name: string;
  tour_date: string;
  criteria: string;
  status: 'open' | 'closed';
  source: string | null;
  opened_by: number | null;
  opened_at: string;
  closed_by: number | null;
  closed_at: string | null;
}
export interface TourProjectsTable {
  tour_id: number;
  project_id: number;
  position: number;
}
export interface TourJudgesTable {
  tour_id: number;
  person_id: number;
}
export interface TourScoresTable {
  id: Generated<number>;
  tour_id: number;
  project_id: number;
  person_id: number;
  scores: string;
  total_tenths: number;
  recorded_at: string;
}

export interface ProjectNodesTable {
  id: Generated<number>;
  project_id: number;
  seq: number;
  name: string;
  kind: string | null;
  planned_on: string;
  done_on: string | null;
  done_source: 'import' | 'card' | null;
  done_by: number | null;
  done_recorded_at: string | null;
  escalation_level: Generated<number>;
  escalated_on: string | null;
  created_at: string;
  updated_at: string;
}
export interface ProjectMonthPlansTable {
  project_id: number;
  month: number;
  cumulative_yuan: Money;
  updated_at: string;
}
export interface StoppageEscalationsTable {
  project_id: number;
  since: string;
  escalated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface RegisterImportsTable {
  id: Generated<number>;
  plan_year: number;
  file_name: string;
  sha256: string;
  summary: string;
  imported_at: string;
}

export interface Database {
  plan_years: PlanYearsTable;
  counties: CountiesTable;
  categories: CategoriesTable;
  people: PeopleTable;
  units: UnitsTable;
  person_roles: PersonRolesTable;
  projects: ProjectsTable;
  project_plans: ProjectPlansTable;
  weekly_periods: WeeklyPeriodsTable;
  reports: ReportsTable;
  report_revisions: ReportRevisionsTable;
  problems: ProblemsTable;
  problem_events: ProblemEventsTable;
  problem_reports: ProblemReportsTable;
  bulletins: BulletinsTable;
  chats: ChatsTable;
  handled_events: HandledEventsTable;
  inbox: InboxTable;
  outbox: OutboxTable;
  outbox_files: OutboxFilesTable;
  job_runs: JobRunsTable;
  settings: SettingsTable;
  register_imports: RegisterImportsTable;
  enterprises: EnterprisesTable;
  enterprise_events: EnterpriseEventsTable;
  reserve_projects: ReserveProjectsTable;
  reserve_events: ReserveEventsTable;
  stats_imports: StatsImportsTable;
  stats_figures: StatsFiguresTable;
  stats_explanations: StatsExplanationsTable;
  tours: ToursTable;
  tour_projects: TourProjectsTable;
  tour_judges: TourJudgesTable;
  tour_scores: TourScoresTable;
  round_list_cards: RoundListCardsTable;
  round_card_views: RoundCardViewsTable;
  project_nodes: ProjectNodesTable;
  project_month_plans: ProjectMonthPlansTable;
  stoppage_escalations: StoppageEscalationsTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Project = Selectable<ProjectsTable>;
export type ProjectPlan = Selectable<ProjectPlansTable>;
export type OutboxRow = Selectable<OutboxTable>;
