// What Feishu checks in a message's `content` before delivering it: JSON string, size limits and card JSON 2.0 rules.
import { cardError, ERR, type FeishuError } from './http';
import type { DoubleState } from './state';

const KB = 1024;
/** "文本消息请求体最大不能超过 150 KB；卡片及富文本消息最大不能超过 30 KB" (发送消息). */
const TEXT_LIMIT = 150 * KB;
export const CARD_LIMIT = 30 * KB;

export const MSG_TYPES = new Set(['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user', 'system']);

/** The top-level properties of card JSON 2.0 (卡片 JSON 2.0 结构); 2.0 rejects anything else, 1.0 ignored it. */
const CARD_V2_KEYS = new Set(['schema', 'config', 'card_link', 'header', 'body']);
/** 1.0 components that 2.0 removed; using one answers sub-code 200861 ("no longer support this capability"). */
const V1_ONLY_TAGS = new Set(['note', 'action']);

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseObject(content: string): JsonObject | null {
  try {
    const parsed: unknown = JSON.parse(content);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Validates `content` for a create/reply/patch; null means Feishu would accept it. */
export function checkContent(state: DoubleState, msgType: string, content: unknown): FeishuError | null {
  if (typeof content !== 'string') return withDetail(ERR.badParam, 'ext=content is not a string in json format');
  const bytes = Buffer.byteLength(content, 'utf8');
  const parsed = parseObject(content);
  if (!parsed) {
    if (msgType === 'interactive') return cardError(200621, 'parse card json err, please check whether the card json is correct');
    return withDetail(ERR.badParam, 'ext=content is not a string in json format');
  }
  switch (msgType) {
    case 'text':
      if (typeof parsed.text !== 'string') return withDetail(ERR.badParam, 'ext=text content is empty');
      return bytes > TEXT_LIMIT ? ERR.tooLarge : null;
    case 'post':
      return bytes > CARD_LIMIT ? ERR.tooLarge : null;
    case 'interactive':
      return bytes > CARD_LIMIT ? ERR.tooLarge : checkCard(parsed);
    case 'image':
      return knownKey(state, state.images, parsed.image_key, 'image_key');
    case 'file':
      return knownKey(state, state.files, parsed.file_key, 'file_key');
    default:
      return null;
  }
}

function knownKey(state: DoubleState, store: Map<string, unknown>, key: unknown, name: string): FeishuError | null {
  if (typeof key !== 'string' || key === '') return withDetail(ERR.badParam, `ext=${name} is required`);
  if (store.has(key) || state.acceptUnknownIds) return null;
  // Feishu only sends resources the same app uploaded (230017 "Bot is NOT the owner of the resource").
  return { status: 400, code: 230017, msg: `Bot is NOT the owner of the resource. ${name}=${key}` };
}

/** Card JSON checks shared by message sends, PATCH and interactive/v1/card/update. */
export function checkCard(card: JsonObject): FeishuError | null {
  if (card.type === 'template') {
    const data = card.data;
    return isObject(data) && typeof data.template_id === 'string' ? null : cardError(200621, 'template_id is required');
  }
  if (card.schema !== '2.0') return null;
  for (const key of Object.keys(card)) {
    // The sub-code for an unknown property is not documented; 200621 (bad card JSON) is the closest listed one.
    if (!CARD_V2_KEYS.has(key)) return cardError(200621, `unknown property "${key}" in card of schema V2`, `ROOT -> ${key}`);
  }
  const body = card.body;
  if (body === undefined) return null;
  if (!isObject(body) || (body.elements !== undefined && !Array.isArray(body.elements))) {
    return cardError(200621, 'body.elements must be an array', 'ROOT -> body');
  }
  return findV1Tag(body.elements ?? [], 'ROOT -> body -> elements');
}

function findV1Tag(node: unknown, path: string): FeishuError | null {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) {
      const found = findV1Tag(child, `${path} -> ${i}`);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(node)) return null;
  if (typeof node.tag === 'string' && V1_ONLY_TAGS.has(node.tag)) {
    return cardError(200861, `cards of schema V2 no longer support this capability; ErrorValue: unsupported tag ${node.tag}`, path);
  }
  for (const [key, child] of Object.entries(node)) {
    if (typeof child === 'object' && child !== null) {
      const found = findV1Tag(child, `${path} -> ${key}`);
      if (found) return found;
    }
  }
  return null;
}

function withDetail(err: FeishuError, detail: string): FeishuError {
  return { ...err, msg: `${err.msg} ${detail}` };
}
