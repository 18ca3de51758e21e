// The messages of approval and publication, each under a key that makes it exactly-once: the preview and approval
// card to each administrator, the cards and the 附表 file to each bulletin group (per group per month), and the
// updates of the approval cards once decided.
import { renderApprovalCard, type ApprovalState, type MonthEndCompleteness } from '../../../cards/bulletin/approval';
import { loadSettings } from '../../db/settings';
import { beijingText, issueInName, issueNumberText } from '../../../cards/bulletin/format';
import type { Card } from '../../../cards/elements';
import type { Db } from '../../db/connect';
import { outboxFileIdByName, storeOutboxFile } from '../../db/sql/outbox-files';
import type { OutgoingMessage } from '../../db/sql/outbox-write';
import { sentMessageOf } from '../../feishu/outbox';
import { adminOpenIds } from '../../people/people';
import { type BulletinGroup, type BulletinRow, bulletinGroups, personName } from './store';
import { type Publication, publicationOf } from './kinds';
import type { Bulletin } from '../../domain/bulletin';
import { bulletinTitle } from '../../../cards/bulletin/cards';

export { workbookName } from './kinds';

export type WriteScope = { tx: Db; now: Date; send(msg: OutgoingMessage, key: string): Promise<void> };

export const keys = {
  file: (bulletinId: number) => `bulletin:${bulletinId}`,
  preview: (bulletinId: number, openId: string, part: number) => `bulletin:${bulletinId}:preview:${openId}:${part}`,
  previewFile: (bulletinId: number, openId: string) => `bulletin:${bulletinId}:preview-file:${openId}`,
  approval: (bulletinId: number, openId: string) => `bulletin:${bulletinId}:approval:${openId}`,
  decided: (bulletinId: number, status: string, openId: string) => `bulletin:${bulletinId}:${status}:${openId}`,
  autoNotice: (bulletinId: number, openId: string) => `bulletin:${bulletinId}:auto:${openId}`,
  /** Per group per month, not per draft: whatever happens, a group gets a month's bulletin once. */
  groupCard: (month: string, chatId: string, part: number) => `bulletin:${month}:group:${chatId}:card:${part}`,
  groupFile: (month: string, chatId: string) => `bulletin:${month}:group:${chatId}:file`,
  /** The .docx of the bulletin, stored once per bulletin row and sent after the 附表. */
  document: (bulletinId: number) => `bulletin:${bulletinId}:docx`,
  /** The .docx as published through approval (the final 期号 and date, given at 发布; the draft's says 拟). */
  issuedDocument: (bulletinId: number) => `bulletin:${bulletinId}:docx:issued`,
  previewDocument: (bulletinId: number, openId: string) => `bulletin:${bulletinId}:preview-docx:${openId}`,
  groupDocument: (month: string, chatId: string) => `bulletin:${month}:group:${chatId}:docx`,
};

/** "2026年1–10月全市重点项目建设情况通报（2026年第10期）.docx"; a draft's "…（2026年第10期，拟）.docx" (no bracket in a bracket). */
export function documentName(b: Bulletin, o: { draft?: boolean } = {}): string {
  return `${bulletinTitle(b)}${b.issue ? `（${issueInName(b.issue, o.draft)}）` : ''}.docx`;
}

/**
 * Stores the .docx once per bulletin row (unless already stored) and returns its id; null when there is none. A
 * draft's (the preview) has its 期号 marked 拟, in the file name as in the document.
 */
export async function storeDocument(
  tx: Db,
  bulletinId: number,
  b: Bulletin,
  data: Buffer | null,
  now: Date,
  o: { draft?: boolean } = {},
): Promise<number | null> {
  const existing = await outboxFileIdByName(tx, keys.document(bulletinId));
  if (existing !== null) return existing;
  if (!data) return null;
  return storeOutboxFile(tx, { name: keys.document(bulletinId), fileName: documentName(b, o), fileType: 'doc', data }, now);
}

/** Stores the published .docx (the final 期号 and date, no 拟) once per bulletin row, beside the draft's; null when there is none. */
export async function storeIssuedDocument(tx: Db, bulletinId: number, b: Bulletin, data: Buffer | null, now: Date): Promise<number | null> {
  const existing = await outboxFileIdByName(tx, keys.issuedDocument(bulletinId));
  if (existing !== null) return existing;
  if (!data) return null;
  return storeOutboxFile(tx, { name: keys.issuedDocument(bulletinId), fileName: documentName(b), fileType: 'doc', data }, now);
}

/** Stores the 附表 once per bulletin row (unless already stored) and returns its id; null for a kind without one. */
export async function storeWorkbook(tx: Db, bulletinId: number, p: Publication, data: Buffer | null, now: Date): Promise<number | null> {
  if (p.fileName === null) return null;
  const existing = await outboxFileIdByName(tx, keys.file(bulletinId));
  if (existing !== null) return existing;
  if (!data) throw new Error(`月通报（编号 ${bulletinId}）的附表尚未生成`);
  return storeOutboxFile(tx, { name: keys.file(bulletinId), fileName: p.fileName, fileType: 'xls', data }, now);
}

export const toChat = (chatId: string, content: Card): OutgoingMessage => ({
  op: 'create',
  receiveIdType: 'chat_id',
  receiveId: chatId,
  msgType: 'interactive',
  content,
});
const toPerson = (openId: string, content: Card): OutgoingMessage => ({
  op: 'create',
  receiveIdType: 'open_id',
  receiveId: openId,
  msgType: 'interactive',
  content,
});

/** The cards, then the 附表 and the .docx (where the kind has them), to every group. */
export async function queueGroupPosts(
  s: WriteScope,
  p: Publication,
  groups: BulletinGroup[],
  fileId: number | null,
  documentId: number | null = null,
): Promise<number> {
  const cards = p.cards();
  for (const g of groups) {
    for (const [i, c] of cards.entries()) await s.send(toChat(g.chatId, c), keys.groupCard(p.key, g.chatId, i + 1));
    if (fileId !== null) await s.send({ op: 'file', receiveIdType: 'chat_id', receiveId: g.chatId, fileId }, keys.groupFile(p.key, g.chatId));
    if (documentId !== null) {
      await s.send({ op: 'file', receiveIdType: 'chat_id', receiveId: g.chatId, fileId: documentId }, keys.groupDocument(p.key, g.chatId));
    }
  }
  return groups.length * (cards.length + (fileId === null ? 0 : 1) + (documentId === null ? 0 : 1));
}

/** The preview (the same cards, tagged 待审定), the 附表, the .docx and the approval card, to every administrator. */
export async function queueApproval(
  s: WriteScope,
  row: BulletinRow,
  p: Publication,
  groups: BulletinGroup[],
  fileId: number | null,
  documentId: number | null = null,
): Promise<string[]> {
  const admins = await adminOpenIds(s.tx);
  const preview = p.cards({ draft: true });
  const approval = renderApprovalCard(await approvalVM(s.tx, row, p, groups));
  for (const openId of admins) {
    for (const [i, c] of preview.entries()) await s.send(toPerson(openId, c), keys.preview(row.id, openId, i + 1));
    if (fileId !== null) await s.send({ op: 'file', receiveIdType: 'open_id', receiveId: openId, fileId }, keys.previewFile(row.id, openId));
    if (documentId !== null) {
      await s.send({ op: 'file', receiveIdType: 'open_id', receiveId: openId, fileId: documentId }, keys.previewDocument(row.id, openId));
    }
    await s.send(toPerson(openId, approval), keys.approval(row.id, openId));
  }
  return admins;
}

/**
 * Every draft awaiting approval (monthly bulletin, 季度分析, 年度考核排名, 观摩评分排名) goes, with its preview and
 * files, to the administrators who have not had it: one entered after it was sent (an administrator named in
 * `admins` by mobile or e-mail, found in the Feishu directory). Those who had it get nothing again (the same keys).
 */
export async function queuePendingApprovals(s: WriteScope): Promise<number> {
  const drafts = await s.tx.selectFrom('bulletins').selectAll().where('status', '=', 'draft').orderBy('id').execute();
  if (drafts.length === 0) return 0;
  const groups = await bulletinGroups(s.tx);
  for (const row of drafts) {
    const fileId = await outboxFileIdByName(s.tx, keys.file(row.id));
    const docId = await outboxFileIdByName(s.tx, keys.document(row.id));
    await queueApproval(s, row, publicationOf(row), groups, fileId, docId);
  }
  return drafts.length;
}

/**
 * Brings every administrator's approval card of this bulletin up to date with its row (published, returned,
 * superseded), except the one who clicked: their card is replaced by the answer to the click.
 */
export async function queueApprovalUpdates(s: WriteScope, row: BulletinRow, groups: BulletinGroup[], except: string | null): Promise<void> {
  const card = renderApprovalCard(await approvalVM(s.tx, row, publicationOf(row), groups));
  for (const openId of await adminOpenIds(s.tx)) {
    if (openId === except) continue;
    const sent = await sentMessageOf(s.tx, keys.approval(row.id, openId));
    // A card not sent yet goes out as it was; a click on it is answered with the decided card.
    if (!sent?.messageId) continue;
    await s.send({ op: 'patch', messageId: sent.messageId, receiver: sent.receiveId, card }, keys.decided(row.id, row.status, openId));
  }
}

export async function approvalState(db: Db, row: BulletinRow): Promise<ApprovalState> {
  const at = row.decided_at ? beijingText(row.decided_at) : '';
  const by = (await personName(db, row.decided_by)) ?? row.decided_by_name;
  switch (row.status) {
    case 'published':
      return { kind: 'published', by, at, note: row.note };
    case 'returned':
      return { kind: 'returned', by: by ?? '管理员', at, reason: row.note ?? '' };
    case 'superseded':
      return { kind: 'superseded' };
    default:
      return { kind: 'draft' };
  }
}

/** Month-end completeness from the composed 附表: a row with an estimate or without any figure lacks its month-end figure. */
export function monthEndCompleteness(b: Bulletin, threshold: number): MonthEndCompleteness {
  const missing = new Map<string, number>();
  for (const r of b.table) if (r.estimated || r.completedWan === null) missing.set(r.unit, (missing.get(r.unit) ?? 0) + 1);
  const lacking = [...missing.values()].reduce((a, n) => a + n, 0);
  return {
    given: b.table.length - lacking,
    total: b.table.length,
    threshold,
    missingUnits: [...missing].map(([unit, projects]) => ({ unit, projects })),
  };
}

export async function approvalVM(db: Db, row: BulletinRow, p: Publication, groups: BulletinGroup[]) {
  const { settings } = await loadSettings(db);
  return {
    ...(p.bulletin ? { monthEnd: monthEndCompleteness(p.bulletin, settings['bulletin.monthEndComplete']) } : {}),
    ...(p.bulletin?.issue ? { issue: issueNumberText(p.bulletin.issue) } : {}),
    bulletinId: row.id,
    month: row.month,
    kind: p.kind,
    title: p.title,
    headline: p.headline,
    composedAt: beijingText(row.composed_at),
    cards: p.cards().length,
    projects: p.projects,
    groups: groups.map((g) => g.name),
    state: await approvalState(db, row),
  };
}

export async function approvalCardOf(db: Db, row: BulletinRow, groups: BulletinGroup[]): Promise<Card> {
  return renderApprovalCard(await approvalVM(db, row, publicationOf(row), groups));
}
