// Approval and publication of the monthly bulletin. A composed draft goes to the administrators; 发布 posts it to
// every bulletin group exactly once, 退回 records why. The composer and the 附表 builder are injected (src/bulletin/
// compose.ts and xlsx.ts), so this works on whatever Bulletin it is handed.
//
// Exactly once: the decision is a conditional UPDATE … WHERE status = 'draft', committed in one transaction with the
// outbox rows it causes (keyed per group per month), as runOnce does for scheduled steps. A second click, a second
// instance or a restart finds the row decided and queues nothing; the outbox sends what was committed, once.
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { loadSettings } from '../../db/settings';
import type { Settings } from '../../domain/settings';
import { enqueue } from '../../feishu/outbox';
import type { Actor } from '../../people/access';
import { adminOpenIds } from '../../people/people';
import { beijingText, monthText } from '../../../cards/bulletin/format';
import { approvalTexts } from '../../../cards/bulletin/texts';
import type { Card } from '../../../cards/elements';
import {
  approvalCardOf,
  queueApproval,
  queueApprovalUpdates,
  queueGroupPosts,
  storeDocument,
  storeIssuedDocument,
  storeWorkbook,
  keys,
  type WriteScope,
} from './messages';
import { issuedAt, lockIssueNumbers, sameIssue } from '../compose/issue';
import { serializeSnapshot } from '../../domain/bulletin-snapshot';
import {
  type BulletinGroup,
  type BulletinRow,
  bulletinGroups,
  decideDraft,
  getBulletin,
  hasStoredFile,
  insertBulletin,
  monthBulletins,
  publishedOf,
  replaceSnapshot,
  snapshotOf,
  supersedeDrafts,
} from './store';
import type { Bulletin } from '../../domain/bulletin';
import type { BulletinKind } from '../../domain/analysis';
import { quarterAnalysis } from '../compose/quarter';
import { yearAssessment } from '../compose/year';
import { parseQuarter, parseYear } from '../month';
import { kindName, monthPublication, type Publication, publicationOf, quarterPublication, tourPublication, yearPublication } from './kinds';
import { tourIdOfKey, tourResultOf } from '../../tours/results';

/** What submitDraft composes: the monthly bulletin (key '2026-10'), a quarter's analysis ('2026-Q3') or a year's assessment ('2026'). */
export type SubmitKind = BulletinKind;

export type BulletinDeps = {
  compose(db: Db, month: string, opts: { settings: Settings; now: Date }): Promise<Bulletin>;
  /** The 附表 (every project of the plan) as an .xlsx file. */
  workbook(b: Bulletin): Promise<Buffer>;
  /**
   * The bulletin as an official document (.docx), sent after the 附表; none when not given. `draft`: the preview sent
   * for approval, its 期号 marked 拟 as on the draft card (the published one never is).
   */
  document?(b: Bulletin, o?: { draft?: boolean }): Promise<Buffer>;
};

/**
 * Runs `fn` in one transaction with an outbox at hand; null when the caller's claim was taken by someone else (a
 * scheduled run another instance did). Card handlers pass their scope's transaction, which also wakes the sender.
 */
export type Writer = <T>(fn: (s: WriteScope) => Promise<T>) => Promise<T | null>;

export function writerOf(ctx: AppContext): Writer {
  return (fn) =>
    ctx.engine.retry(() =>
      ctx.db.transaction().execute((tx) => {
        const now = ctx.clock.now();
        return fn({ tx, now, send: async (msg, key) => void (await enqueue(tx, msg, now, key)) });
      }),
    );
}

export type SubmitOutcome =
  | { kind: 'draft'; bulletinId: number; admins: number; groups: BulletinGroup[] }
  | { kind: 'published'; bulletinId: number; groups: BulletinGroup[] }
  | { kind: 'alreadyPublished'; row: BulletinRow }
  | { kind: 'claimed' }
  /** A quarter or year with no month ended yet: nothing to compose. */
  | { kind: 'empty' };

export type DecideOutcome =
  | { kind: 'published'; row: BulletinRow; groups: BulletinGroup[]; card: Card }
  | { kind: 'returned'; row: BulletinRow; card: Card }
  | { kind: 'decided'; row: BulletinRow; card: Card }
  | { kind: 'noGroups' }
  | { kind: 'missing' };

const decider = (actor: Actor | null) => actor?.personId ?? null;

export function createBulletinService(deps: BulletinDeps) {
  /** A decided (or replaced) bulletin's card as it stands, for a click that came too late. */
  async function standing(db: Db, row: BulletinRow): Promise<DecideOutcome> {
    return { kind: 'decided', row, card: await approvalCardOf(db, row, await bulletinGroups(db)) };
  }

  /**
   * Composes `month` and sends it for approval, or publishes it at once when auto-publishing is on and there is a
   * group to publish to. An earlier draft of the month is replaced (its approval cards say so).
   */
  /** The composed publication of `key`, and its 附表 (monthly only); null when a quarter or year has nothing ended. */
  async function composeKind(ctx: AppContext, kind: BulletinKind, key: string, settings: Settings, now: Date) {
    if (kind === 'month') {
      const b = await deps.compose(ctx.db, key, { settings, now });
      return { p: monthPublication(b), data: await deps.workbook(b) };
    }
    if (kind === 'quarter') {
      const q = parseQuarter(key);
      const a = q ? await quarterAnalysis(ctx.db, q, { settings, now }) : null;
      return a ? { p: quarterPublication(a), data: null } : null;
    }
    if (kind === 'tour') {
      const id = tourIdOfKey(key);
      const r = id === null ? null : await tourResultOf(ctx.db, id);
      return r ? { p: tourPublication(r), data: null } : null;
    }
    const year = parseYear(key);
    const a = year === null ? null : await yearAssessment(ctx.db, year, { settings, now });
    return a ? { p: yearPublication(a), data: null } : null;
  }

  /**
   * Composes `key` (a month by default; a quarter or a year with `kind`) and sends it for approval, or publishes it at
   * once when auto-publishing is on (the monthly bulletin only) and there is a group to publish to. An earlier draft of
   * the same key is replaced (its approval cards say so).
   */
  async function submitDraft(ctx: AppContext, month: string, o: { write?: Writer; autoPublish?: boolean; kind?: BulletinKind } = {}): Promise<SubmitOutcome> {
    const kind = o.kind ?? 'month';
    const published = (await monthBulletins(ctx.db, month)).find((r) => r.status === 'published');
    if (published) return { kind: 'alreadyPublished', row: published };
    const { settings } = await loadSettings(ctx.db);
    const now = ctx.clock.now();
    const composed = await composeKind(ctx, kind, month, settings, now);
    if (!composed) return { kind: 'empty' };
    const { data } = composed;
    let { p } = composed;
    const auto = kind === 'month' && (o.autoPublish ?? settings['bulletin.autoPublish']);
    // Built for what is likely (a draft marked 拟 unless auto-publishing) and built again in the transaction if not.
    let docDraft = !auto;
    let doc = deps.document && p.bulletin ? await deps.document(p.bulletin, { draft: docDraft }) : null;
    const write = o.write ?? writerOf(ctx);
    const outcome = await write(async (s): Promise<SubmitOutcome> => {
      const groups = await bulletinGroups(s.tx);
      // The month may have been published while this was composing (发布 on the earlier draft). Earlier drafts are
      // marked replaced first: that UPDATE waits for a 发布 in flight on one of them (PostgreSQL) and, after it, the
      // check below sees the publication; a 发布 coming later finds its draft replaced.
      await supersede(s, month, null, groups);
      const publishedMeanwhile = await publishedOf(s.tx, month);
      if (publishedMeanwhile) return { kind: 'alreadyPublished', row: publishedMeanwhile };
      const publishNow = auto && groups.length > 0;
      if (publishNow && p.bulletin?.issue) {
        // Published at once: the 期号 is given here, under the numbering lock, as 发布 gives it (compose/issue.ts).
        await lockIssueNumbers(s.tx);
        const issued = await issuedAt(s.tx, p.bulletin, s.now);
        if (!sameIssue(issued, p.bulletin)) {
          p = monthPublication(issued);
          if (deps.document) doc = await deps.document(issued);
        }
      }
      if (!publishNow && !docDraft && deps.document && p.bulletin) {
        // Auto-publishing, but no group to publish to: a draft after all, and its preview says 拟.
        docDraft = true;
        doc = await deps.document(p.bulletin, { draft: true });
      }
      const decided = publishNow
        ? {
            status: 'published' as const,
            decidedAt: s.now.toISOString(),
            note: approvalTexts.sentTo(
              groups.map((g) => g.name),
              true,
            ),
          }
        : { status: 'draft' as const, decidedAt: null, note: null };
      const row = await insertBulletin(s.tx, { month, kind, snapshot: p.snapshot(), composedAt: s.now.toISOString(), ...decided });
      const fileId = await storeWorkbook(s.tx, row.id, p, data, s.now);
      const docId = p.bulletin ? await storeDocument(s.tx, row.id, p.bulletin, doc, s.now, { draft: docDraft }) : null;
      if (!publishNow) {
        const admins = await queueApproval(s, row, p, groups, fileId, docId);
        return { kind: 'draft', bulletinId: row.id, admins: admins.length, groups };
      }
      await queueGroupPosts(s, p, groups, fileId, docId);
      const text = approvalTexts.autoNotice(
        p.title,
        groups.map((g) => g.name),
      );
      for (const openId of await adminOpenIds(s.tx)) {
        await s.send({ op: 'create', receiveIdType: 'open_id', receiveId: openId, msgType: 'text', content: { text } }, keys.autoNotice(row.id, openId));
      }
      return { kind: 'published', bulletinId: row.id, groups };
    });
    if (outcome === null) return { kind: 'claimed' };
    if (outcome.kind === 'alreadyPublished') return outcome;
    ctx.log.info(outcome.kind === 'published' ? `${kindName[kind]}已按设置自动发布` : `${kindName[kind]}已送管理员审定`, {
      month,
      ...('bulletinId' in outcome ? { id: outcome.bulletinId } : {}),
    });
    return outcome;
  }

  /** The month's drafts (but `keep`) are replaced: marked superseded, their approval cards updated. */
  async function supersede(s: WriteScope, month: string, keep: number | null, groups: BulletinGroup[]): Promise<void> {
    const old = await supersedeDrafts(s.tx, month, keep, s.now.toISOString());
    for (const row of old) await queueApprovalUpdates(s, row, groups, null);
  }

  /** 发布: posts the draft to every bulletin group, once; a monthly bulletin gets its 期号 and date now (compose/issue.ts). */
  async function publish(ctx: AppContext, bulletinId: number, actor: Actor, write: Writer = writerOf(ctx)): Promise<DecideOutcome> {
    const row = await getBulletin(ctx.db, bulletinId);
    if (!row) return { kind: 'missing' };
    if (row.status !== 'draft') return standing(ctx.db, row);
    const drafted: Publication = publicationOf(row);
    // Built before the transaction (it can take a second or two for a large plan), and only if not stored yet. The
    // 附表 does not show the 期号; the Word document does, so it is built with the issue publication would give now and
    // built again in the transaction only if another publication took that number meanwhile. The draft's document (the
    // preview, its 期号 marked 拟) is never the one published.
    const stored = drafted.fileName === null || (await hasStoredFile(ctx.db, keys.file(row.id)));
    const data = stored ? null : await deps.workbook(snapshotOf(row));
    const expected = drafted.bulletin ? await issuedAt(ctx.db, drafted.bulletin, ctx.clock.now()) : undefined;
    const expectedDoc = deps.document && expected ? await deps.document(expected) : null;
    const result = await write(async (s) => {
      const groups = await bulletinGroups(s.tx);
      if (groups.length === 0) return { kind: 'noGroups' as const };
      if (drafted.bulletin?.issue) await lockIssueNumbers(s.tx);
      const decided = await decideDraft(s.tx, bulletinId, {
        status: 'published',
        decidedBy: decider(actor),
        decidedByName: actor?.name ?? null,
        decidedAt: s.now.toISOString(),
        note: approvalTexts.sentTo(
          groups.map((g) => g.name),
          false,
        ),
      });
      if (!decided) return null;
      let claimed = decided;
      let p = drafted;
      let docId: number | null = null;
      if (drafted.bulletin) {
        const issued = await issuedAt(s.tx, drafted.bulletin, s.now);
        if (!sameIssue(issued, drafted.bulletin)) {
          // The snapshot of record carries the final 期号 and date, and so does the document the groups get.
          claimed = await replaceSnapshot(s.tx, claimed.id, serializeSnapshot(issued));
          p = monthPublication(issued);
        }
        const doc = !deps.document ? null : expected && sameIssue(issued, expected) ? expectedDoc : await deps.document(issued);
        docId = await storeIssuedDocument(s.tx, claimed.id, issued, doc, s.now);
      }
      await supersede(s, claimed.month, claimed.id, groups);
      await queueGroupPosts(s, p, groups, await storeWorkbook(s.tx, claimed.id, p, data, s.now), docId);
      await queueApprovalUpdates(s, claimed, groups, actor.openId);
      return { kind: 'published' as const, row: claimed, groups, card: await approvalCardOf(s.tx, claimed, groups) };
    });
    if (result === null) return standing(ctx.db, (await getBulletin(ctx.db, bulletinId)) as BulletinRow);
    if (result.kind === 'published')
      ctx.log.info(`${kindName[drafted.kind]}已发布`, { month: result.row.month, id: bulletinId, groups: result.groups.length, by: actor.openId });
    return result;
  }

  /** 退回: the draft is not published; the reason is kept and shown on every administrator's card. */
  async function returnDraft(ctx: AppContext, bulletinId: number, actor: Actor, reason: string, write: Writer = writerOf(ctx)): Promise<DecideOutcome> {
    const row = await getBulletin(ctx.db, bulletinId);
    if (!row) return { kind: 'missing' };
    const result = await write(async (s) => {
      const claimed = await decideDraft(s.tx, bulletinId, {
        status: 'returned',
        decidedBy: decider(actor),
        decidedByName: actor.name,
        decidedAt: s.now.toISOString(),
        note: reason,
      });
      if (!claimed) return null;
      const groups = await bulletinGroups(s.tx);
      await queueApprovalUpdates(s, claimed, groups, actor.openId);
      return { kind: 'returned' as const, row: claimed, card: await approvalCardOf(s.tx, claimed, groups) };
    });
    if (result === null) return standing(ctx.db, (await getBulletin(ctx.db, bulletinId)) as BulletinRow);
    ctx.log.info('月通报已退回', { month: result.row.month, id: bulletinId, by: actor.openId });
    return result;
  }

  return { submitDraft, publish, returnDraft };
}

export type BulletinService = ReturnType<typeof createBulletinService>;

/** What `diaodu bulletin --month … --post` prints for each outcome. */
export function submitOutcomeText(month: string, o: SubmitOutcome): string {
  const m = monthText(month);
  switch (o.kind) {
    case 'draft':
      return o.admins === 0
        ? `已编制${m}的月通报，但没有可接收审定的管理员：请用 diaodu settings set admins 设置管理员（手机号、邮箱或 open_id）并运行 diaodu users sync，再重新送审。`
        : `已编制${m}的月通报，送${o.admins}名管理员审定（由运行中的服务发出）；点“发布”后发送到${o.groups.length}个通报群${o.groups.length ? '' : '（尚未设置通报群）'}。`;
    case 'published':
      return `已编制${m}的月通报，并按设置（bulletin.autoPublish）直接发布到${o.groups.length}个通报群：${o.groups.map((g) => g.name).join('、')}。`;
    case 'alreadyPublished':
      return `${m}的月通报已于${o.row.decided_at ? beijingText(o.row.decided_at) : ''}发布，不再重新编制；此后的数据更正将在下一期通报中列出。`;
    case 'claimed':
      return `${m}的月通报正由另一实例编制，本次未重复编制。`;
    case 'empty':
      return `${m}尚未结束，暂不能编制。`;
  }
}
