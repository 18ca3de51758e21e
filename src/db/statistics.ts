// 统计监测 in the database: a month's statistical figures (replaced whole by each import, each import recorded) and the
// explanations units give for flagged projects (every one kept with who and when).
import type { Kysely } from 'kysely';
import type { StatsFigure, StatsKind } from '../domain/statistics';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type StatsImport = { id: number; month: string; fileName: string; rows: number; importedAt: string };

/** Replaces the month's figures with the file's, in the caller's transaction, and records the import. */
export async function replaceStatsFigures(
  tx: Q,
  month: string,
  fileName: string,
  figures: ReadonlyArray<StatsFigure & { row: number }>,
  now: Date,
): Promise<StatsImport> {
  await tx.deleteFrom('stats_figures').where('month', '=', month).execute();
  for (let i = 0; i < figures.length; i += 200) {
    await tx
      .insertInto('stats_figures')
      .values(
        figures.slice(i, i + 200).map((f) => ({ month, code: f.code, name: f.name, stats_yuan: f.statsYuan, in_library: f.inLibrary ? 1 : 0, row: f.row })),
      )
      .execute();
  }
  const importedAt = now.toISOString();
  const row = await tx
    .insertInto('stats_imports')
    .values({ month, file_name: fileName, rows: figures.length, imported_at: importedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, month, fileName, rows: figures.length, importedAt };
}

/** The month's latest import, or undefined when the month has none. */
export async function latestStatsImport(db: Q, month: string): Promise<StatsImport | undefined> {
  const r = await db
    .selectFrom('stats_imports')
    .select(['id', 'month', 'file_name', 'rows', 'imported_at'])
    .where('month', '=', month)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r && { id: r.id, month: r.month, fileName: r.file_name, rows: r.rows, importedAt: r.imported_at };
}

export async function statsFiguresOf(db: Q, month: string): Promise<StatsFigure[]> {
  const rows = await db.selectFrom('stats_figures').select(['code', 'name', 'stats_yuan', 'in_library']).where('month', '=', month).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, statsYuan: r.stats_yuan === null ? null : Number(r.stats_yuan), inLibrary: r.in_library === 1 }));
}

export type StatsExplanation = {
  id: number;
  month: string;
  projectId: number;
  code: string;
  kind: StatsKind;
  text: string;
  personName: string | null;
  recordedAt: string;
};

export async function addStatsExplanation(
  tx: Q,
  e: { month: string; projectId: number; kind: StatsKind; text: string; personId: number | null },
  now: Date,
): Promise<void> {
  await tx
    .insertInto('stats_explanations')
    .values({ month: e.month, project_id: e.projectId, kind: e.kind, text: e.text, person_id: e.personId, recorded_at: now.toISOString() })
    .execute();
}

/** Every explanation of a month, oldest first (the last of a project and kind is the one in force). */
export async function statsExplanationsOf(db: Q, month: string): Promise<StatsExplanation[]> {
  const rows = await db
    .selectFrom('stats_explanations as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .leftJoin('people as w', 'w.id', 'e.person_id')
    .select(['e.id', 'e.month', 'e.project_id', 'p.code', 'e.kind', 'e.text', 'w.name as person_name', 'e.recorded_at'])
    .where('e.month', '=', month)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    projectId: r.project_id,
    code: r.code,
    kind: r.kind as StatsKind,
    text: r.text,
    personName: r.person_name,
    recordedAt: r.recorded_at,
  }));
}
