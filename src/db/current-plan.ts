// A project's plan in force is its highest version (project_plans keeps every adjustment as history, domain.md §2).
// Several reads join `projects as p` with `project_plans as pp` and keep only that row: one condition for all of them.
import { sql } from 'kysely';

/** `pp` is `p`'s current plan: for a query joining `projects as p` and `project_plans as pp`. */
export const isCurrentPlan = sql<boolean>`pp.version = (select max(v.version) from project_plans v where v.project_id = p.id)`;
