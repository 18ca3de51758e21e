// One outbox row's delivery to Feishu: the request its op calls for, within the rate limits; a file message's file
// uploaded once and its file_key kept.
import type { Db } from '../db/connect';
import type { ClaimedMessage } from '../db/sql/outbox-claim';
import { outboxFileData, outboxFileHeader, saveOutboxFileKey } from '../db/sql/outbox-files';
import type { FeishuApi } from './api';
import { FeishuCallError } from './errors';
import type { createRateLimiter } from './rate-limit';

type RateLimiter = ReturnType<typeof createRateLimiter>;

export type Deliver = (row: ClaimedMessage) => Promise<string | null>;

/** Sends rows to Feishu; each returns Feishu's message id (null for a card update by token), or throws. */
export function createDelivery(o: { db: Db; api: FeishuApi; limiter: RateLimiter }): Deliver {
  const { limiter } = o;
  /** Uploads by file id, in flight or done: two chats' rows of one file, sent concurrently, share one upload. */
  const uploads = new Map<number, Promise<string>>();

  async function deliver(row: ClaimedMessage): Promise<string | null> {
    const answered = await limiter.acquire(row.receiveId);
    try {
      return await call(row);
    } finally {
      answered(); // the request counts against the limits until its answer is in (see rate-limit.ts)
    }
  }

  async function call(row: ClaimedMessage): Promise<string | null> {
    if (row.op === 'create') {
      return (
        await o.api.send({
          receiveIdType: row.receiveIdType ?? 'open_id',
          receiveId: row.receiveId ?? '',
          msgType: row.msgType ?? 'text',
          content: row.content,
          uuid: row.uuid,
        })
      ).messageId;
    }
    if (row.op === 'reply') {
      return (await o.api.reply({ messageId: row.targetMessageId ?? '', msgType: row.msgType ?? 'text', content: row.content, uuid: row.uuid })).messageId;
    }
    if (row.op === 'file') return sendFile(row);
    if (row.op === 'patch') {
      await o.api.patch({ messageId: row.targetMessageId ?? '', content: row.content });
      return row.targetMessageId;
    }
    const { token, card } = JSON.parse(row.content) as { token: string; card: unknown };
    await o.api.updateCardByToken({ token, card });
    return null;
  }

  /**
   * A file message: upload the stored file unless an earlier send already did (its file_key is kept, so every chat
   * and every retry reuses one upload), then send it under the row's uuid like any create.
   */
  async function sendFile(row: ClaimedMessage): Promise<string> {
    const { fileId } = JSON.parse(row.content) as { fileId: number };
    const file = await outboxFileHeader(o.db, fileId);
    if (!file) throw new FeishuCallError({ kind: 'permanent', code: null, reason: `待发送的文件（编号 ${fileId}）已不存在` });
    const fileKey = file.fileKey ?? (await uploadOnce(fileId, file.fileName, file.fileType));
    const content = JSON.stringify({ file_key: fileKey });
    return (await o.api.send({ receiveIdType: row.receiveIdType ?? 'chat_id', receiveId: row.receiveId ?? '', msgType: 'file', content, uuid: row.uuid }))
      .messageId;
  }

  function uploadOnce(fileId: number, fileName: string, fileType: string): Promise<string> {
    let pending = uploads.get(fileId);
    if (!pending) {
      pending = (async () => {
        const data = await outboxFileData(o.db, fileId);
        // The upload is a request of its own: it takes an app-wide slot besides the one the send holds.
        const answered = await limiter.acquire(null);
        let fileKey: string;
        try {
          fileKey = (await o.api.uploadFile({ fileType, fileName, data: Buffer.from(data) })).fileKey;
        } finally {
          answered();
        }
        await saveOutboxFileKey(o.db, fileId, fileKey);
        return fileKey;
      })();
      // Kept once done (a row that read no file_key a moment ago still finds it here); forgotten on failure, to retry.
      pending.catch(() => uploads.delete(fileId));
      uploads.set(fileId, pending);
    }
    return pending;
  }

  return deliver;
}
