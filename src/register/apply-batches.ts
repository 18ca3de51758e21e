// Writes the 招商项目 and 储备项目 sheets: enterprises upserted by (year, 编号), reserve projects by 储备编号, and a
// project's 储备编号 linked to its reserve entry. Progress a reporter recorded is never undone by a file: the file
// fills in what is not yet recorded and may advance a stage, so importing the same (or an older) file changes nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { RESERVE_STAGES } from '../domain/reserve';
import type { EnterpriseIn, ReserveIn } from './types';

type Tx = Kysely<Database>;

export type BatchRefs = { countyIds: Map<string, number>; categoryIds: Map<string, number>; unitIds: Map<string, number> };

export type SheetCounts = {
  added: number;
  updated: number;
  unchanged: number;
  /** Rows whose progress in the file differs from what is recorded: the record stands, listed by code. */
  kept: string[];
};

const STAGE_COLUMNS = [
  ['开工', 'started_on', 'startedOn'],
  ['投产', 'producing_on', 'producingOn'],
  ['达效', 'effective_on', 'effectiveOn'],
] as const;

const idOf = (m: Map<string, number>, key: string, what: string) => {
  const id = m.get(key);
  if (id === undefined) throw new Error(`${what}“${key}”未能解析`);
  return id;
};

export async function syncEnterprises(trx: Tx, rows: EnterpriseIn[], refs: BatchRefs, year: number, now: string): Promise<SheetCounts> {
  const out: SheetCounts = { added: 0, updated: 0, unchanged: 0, kept: [] };
  const stored = new Map((await trx.selectFrom('enterprises').selectAll().where('plan_year', '=', year).execute()).map((e) => [e.code, e]));
  for (const e of rows) {
    const attrs = {
      name: e.name,
      county_id: idOf(refs.countyIds, e.county, '县区'),
      unit_id: idOf(refs.unitIds, e.unit, '责任单位'),
      signed_on: e.signedOn,
      planned_yuan: e.plannedYuan,
    };
    const cur = stored.get(e.code);
    if (!cur) {
      const row = await trx
        .insertInto('enterprises')
        .values({
          plan_year: year,
          code: e.code,
          ...attrs,
          started_on: e.startedOn,
          producing_on: e.producingOn,
          effective_on: e.effectiveOn,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [stage, , key] of STAGE_COLUMNS) {
        const date = e[key];
        if (date)
          await trx
            .insertInto('enterprise_events')
            .values({ enterprise_id: row.id, stage, date, previous: null, reason: null, source: 'import', person_id: null, recorded_at: now })
            .execute();
      }
      out.added++;
      continue;
    }
    // The file fills a stage not yet recorded, but never so that the chain runs backwards against the dates already
    // recorded (a reporter's 投产 of 5月10日 is not followed by the file's 开工 of 7月1日): such a date is left out and
    // the enterprise named in the report, since what a reporter recorded on the card is the newer word.
    const recorded: Array<{ label: string; date: string; index: number }> = STAGE_COLUMNS.flatMap(([stage, column], index) =>
      cur[column] === null ? [] : [{ label: stage, date: cur[column] as string, index }],
    );
    const notes: string[] = [];
    if (recorded.some((r) => r.date < attrs.signed_on)) {
      const first = recorded.reduce((a, b) => (b.date < a.date ? b : a));
      notes.push(`文件中签约日期${attrs.signed_on}晚于已登记的${first.label}日期${first.date}`);
      attrs.signed_on = cur.signed_on;
    }
    const fill: Partial<Record<(typeof STAGE_COLUMNS)[number][1], string>> = {};
    let differs = false;
    for (const [index, [stage, column, key]] of STAGE_COLUMNS.entries()) {
      const date = e[key];
      if (!date) continue;
      if (cur[column] === null) {
        const clash = recorded.find((r) => (r.index < index && r.date > date) || (r.index > index && r.date < date));
        if (clash) {
          notes.push(`文件中${stage}日期${date}${clash.index < index ? '早于' : '晚于'}已登记的${clash.label}日期${clash.date}`);
          continue;
        }
        fill[column] = date;
        await trx
          .insertInto('enterprise_events')
          .values({ enterprise_id: cur.id, stage, date, previous: null, reason: null, source: 'import', person_id: null, recorded_at: now })
          .execute();
      } else if (cur[column] !== date) differs = true;
    }
    if (notes.length > 0) out.kept.push(`${e.code} ${e.name}（${notes.join('；')}，未采用）`);
    else if (differs) out.kept.push(`${e.code} ${e.name}`);
    const changed = Object.entries(attrs).some(([k, v]) => cur[k as keyof typeof cur] !== v) || Object.keys(fill).length > 0;
    if (!changed) {
      out.unchanged++;
      continue;
    }
    await trx
      .updateTable('enterprises')
      .set({ ...attrs, ...fill, updated_at: now })
      .where('id', '=', cur.id)
      .execute();
    out.updated++;
  }
  return out;
}

const stageRank = (s: string) => RESERVE_STAGES.indexOf(s as (typeof RESERVE_STAGES)[number]);

export async function syncReserve(trx: Tx, rows: ReserveIn[], refs: BatchRefs, now: string): Promise<SheetCounts> {
  const out: SheetCounts = { added: 0, updated: 0, unchanged: 0, kept: [] };
  const stored = new Map((await trx.selectFrom('reserve_projects').selectAll().execute()).map((r) => [r.code, r]));
  for (const r of rows) {
    const attrs = {
      name: r.name,
      county_id: idOf(refs.countyIds, r.county, '县区'),
      category_id: idOf(refs.categoryIds, r.category, '类别'),
      total_yuan: r.totalYuan,
      start_year: r.startYear,
      unit_id: idOf(refs.unitIds, r.unit, '责任单位'),
    };
    const cur = stored.get(r.code);
    if (!cur) {
      const row = await trx
        .insertInto('reserve_projects')
        .values({ code: r.code, ...attrs, stage: r.stage, project_id: null, confirmed_at: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('reserve_events')
        .values({ reserve_id: row.id, from_stage: null, to_stage: r.stage, quarter: null, source: 'import', person_id: null, recorded_at: now })
        .execute();
      out.added++;
      continue;
    }
    // A stage the file puts ahead of the record advances it; one behind it is what a reporter has since confirmed.
    const advance = stageRank(r.stage) > stageRank(cur.stage);
    if (!advance && r.stage !== cur.stage) out.kept.push(r.code);
    const changed = Object.entries(attrs).some(([k, v]) => cur[k as keyof typeof cur] !== v) || advance;
    if (!changed) {
      out.unchanged++;
      continue;
    }
    await trx
      .updateTable('reserve_projects')
      .set({ ...attrs, ...(advance ? { stage: r.stage } : {}), updated_at: now })
      .where('id', '=', cur.id)
      .execute();
    if (advance)
      await trx
        .insertInto('reserve_events')
        .values({ reserve_id: cur.id, from_stage: cur.stage, to_stage: r.stage, quarter: null, source: 'import', person_id: null, recorded_at: now })
        .execute();
    out.updated++;
  }
  return out;
}

/**
 * Links each project row's 储备编号 to its reserve entry: the reserve project is then in the key list (out of the
 * pool) and shows which project it became. A link already made (an earlier year) stays: that is when it was promoted.
 */
export async function linkReserve(trx: Tx, links: Array<{ code: string; reserveCode: string }>, year: number, now: string): Promise<number> {
  let linked = 0;
  for (const l of links) {
    const project = await trx.selectFrom('projects').select('id').where('plan_year', '=', year).where('code', '=', l.code).executeTakeFirstOrThrow();
    const res = await trx
      .updateTable('reserve_projects')
      .set({ project_id: project.id, updated_at: now })
      .where('code', '=', l.reserveCode)
      .where('project_id', 'is', null)
      .executeTakeFirst();
    linked += Number(res.numUpdatedRows);
  }
  return linked;
}
