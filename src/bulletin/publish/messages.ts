// The messages of approval and publication, each under a key that makes it exactly-once: the preview and approval
// card to each administrator, the cards and the 附表 file to each bulletin group (per group per month), and the
// updates of the approval cards once decided.
import { renderApprovalCard, type ApprovalState } from '../../../cards/bulletin/approval';
import { bulletinTitle, renderBulletinCards } from '../../../cards/bulletin/cards';
import { beijingText, periodText } from '../../../cards/bulletin/format';
import { headline } from '../../../cards/bulletin/sections';
import type { Card } from '../../../cards/elements';
import type { Db } from '../../db/connect';
import { outboxFileIdByName, storeOutboxFile } from '../../db/sql/outbox-files';
import type { OutgoingMessage } from '../../db/sql/outbox-write';
import { sentMessageOf } from '../../feishu/outbox';
import { adminOpenIds } from '../../people/people';
import { type BulletinGroup, type BulletinRow, personName, snapshotOf } from './store';
import type { Bulletin } from '../../domain/bulletin';

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
  previewDocument: (bulletinId: number, openId: string) => `bulletin:${bulletinId}:preview-docx:${openId}`,
  groupDocument: (month: string, chatId: string) => `bulletin:${month}:group:${chatId}:docx`,
};

/** "2026年1–10月全市重点项目建设情况通报（2026年第10期）.docx" */
export function documentName(b: Bulletin): string {
  return `${bulletinTitle(b)}${b.issue ? `（${b.issue.year}年第${b.issue.number}期）` : ''}.docx`;
}

/** Stores the .docx once per bulletin row (unless already stored) and returns its id; null when there is none. */
export async function storeDocument(tx: Db, bulletinId: number, b: Bulletin, data: Buffer | null, now: Date): Promise<number | null> {
  const existing = await outboxFileIdByName(tx, keys.document(bulletinId));
  if (existing !== null) return existing;
  if (!data) return null;
  return storeOutboxFile(tx, { name: keys.document(bulletinId), fileName: documentName(b), fileType: 'doc', data }, now);
}

/** "2026年1–10月全市重点项目完成情况表.xlsx" */
export function workbookName(b: Bulletin): string {
  return `${periodText(b)}全市重点项目完成情况表.xlsx`;
}

/** Stores the 附表 once per bulletin row (unless already stored) and returns its id. */
export async function storeWorkbook(tx: Db, bulletinId: number, b: Bulletin, data: Buffer | null, now: Date): Promise<number> {
  const existing = await outboxFileIdByName(tx, keys.file(bulletinId));
  if (existing !== null) return existing;
  if (!data) throw new Error(`月通报（编号 ${bulletinId}）的附表尚未生成`);
  return storeOutboxFile(tx, { name: keys.file(bulletinId), fileName: workbookName(b), fileType: 'xls', data }, now);
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

/** The month's cards, then the 附表, to every group. */
export async function queueGroupPosts(s: WriteScope, b: Bulletin, groups: BulletinGroup[], fileId: number, documentId: number | null = null): Promise<number> {
  const cards = renderBulletinCards(b);
  for (const g of groups) {
    for (const [i, c] of cards.entries()) await s.send(toChat(g.chatId, c), keys.groupCard(b.month, g.chatId, i + 1));
    await s.send({ op: 'file', receiveIdType: 'chat_id', receiveId: g.chatId, fileId }, keys.groupFile(b.month, g.chatId));
    if (documentId !== null) {
      await s.send({ op: 'file', receiveIdType: 'chat_id', receiveId: g.chatId, fileId: documentId }, keys.groupDocument(b.month, g.chatId));
    }
  }
  return groups.length * (cards.length + (documentId === null ? 1 : 2));
}

/** The preview (the same cards, tagged 待审定), the 附表 and the approval card, to every administrator. */
export async function queueApproval(
  s: WriteScope,
  row: BulletinRow,
  b: Bulletin,
  groups: BulletinGroup[],
  fileId: number,
  documentId: number | null = null,
): Promise<string[]> {
  const admins = await adminOpenIds(s.tx);
  const preview = renderBulletinCards(b, { draft: true });
  const approval = renderApprovalCard(await approvalVM(s.tx, row, b, groups));
  for (const openId of admins) {
    for (const [i, c] of preview.entries()) await s.send(toPerson(openId, c), keys.preview(row.id, openId, i + 1));
    await s.send({ op: 'file', receiveIdType: 'open_id', receiveId: openId, fileId }, keys.previewFile(row.id, openId));
    if (documentId !== null) {
      await s.send({ op: 'file', receiveIdType: 'open_id', receiveId: openId, fileId: documentId }, keys.previewDocument(row.id, openId));
    }
    await s.send(toPerson(openId, approval), keys.approval(row.id, openId));
  }
  return admins;
}

/**
 * Brings every administrator's approval card of this bulletin up to date with its row (published, returned,
 * superseded), except the one who clicked: their card is replaced by the answer to the click.
 */
export async function queueApprovalUpdates(s: WriteScope, row: BulletinRow, groups: BulletinGroup[], except: string | null): Promise<void> {
  const card = renderApprovalCard(await approvalVM(s.tx, row, snapshotOf(row), groups));
  for (const openId of await adminOpenIds(s.tx)) {
    if (openId === except) continue;
    const sent = await sentMessageOf(s.tx, keys.approval(row.id, openId));
    // A card not sent yet goes out as it was; a click on it is answered with the decided card.
    if (!sent?.messageId) continue;
    await s.send({ op: 'patch', messageId: sent.messageId, chatId: sent.receiveId, card }, keys.decided(row.id, row.status, openId));
  }
}

export async function approvalState(db: Db, row: BulletinRow): Promise<ApprovalState> {
  const at = row.decided_at ? beijingText(row.decided_at) : '';
  const by = await personName(db, row.decided_by);
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

export async function approvalVM(db: Db, row: BulletinRow, b: Bulletin, groups: BulletinGroup[]) {
  return {
    bulletinId: row.id,
    month: row.month,
    title: bulletinTitle(b),
    headline: headline(b),
    composedAt: beijingText(row.composed_at),
    cards: renderBulletinCards(b).length,
    projects: b.table.length,
    groups: groups.map((g) => g.name),
    state: await approvalState(db, row),
  };
}

export async function approvalCardOf(db: Db, row: BulletinRow, groups: BulletinGroup[]): Promise<Card> {
  return renderApprovalCard(await approvalVM(db, row, snapshotOf(row), groups));
}
