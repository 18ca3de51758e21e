// Shared types of the Feishu Open API test double: its directory, its records and its configuration.
import type { Clock } from '../clock';

export type DoubleUser = {
  open_id: string;
  name: string;
  user_id?: string;
  union_id?: string;
  /** As Feishu stores it: mainland numbers bare (13011111111), others with +country code. */
  mobile?: string;
  email?: string;
  /** 离职: sends answer 230029, batch_get_id hides the user unless include_resigned. */
  resigned?: boolean;
  /** The user stopped the bot from messaging them: sends answer 230053. */
  blockedBot?: boolean;
};

export type DoubleChat = {
  chat_id: string;
  name: string;
  /** open_ids of the human members (Feishu does not list bots as members). */
  members: string[];
  /** Whether the bot is in the chat; default true. Sends to a chat without the bot answer 230002. */
  botInChat?: boolean;
  /** Sends to a dissolved chat answer 232009. */
  dissolved?: boolean;
};

export type RecordedRequest = {
  at: Date;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names, as Node delivers them. */
  headers: Record<string, string>;
  /** Parsed JSON, a summary of multipart fields, raw text, or undefined for an empty body. */
  body: unknown;
  /** Filled in when the answer is sent; null when the socket was dropped on purpose. */
  status: number | null;
  /** Feishu `code` of the answer, when it had one. */
  code: number | null;
  /** The injected failure that shaped this answer, if any. */
  fault: FailureKind | null;
};

export type DeliveredMessage = {
  message_id: string;
  via: 'create' | 'reply';
  /** receive_id_type and receive_id as sent (for replies: 'message_id' and the parent). */
  receive_id_type: string;
  receive_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  /** open_id of the receiving user for p2p deliveries; null for groups. */
  user_open_id: string | null;
  msg_type: string;
  /** The current content string (patches and card updates replace it). */
  content: string;
  uuid: string | null;
  parent_id: string | null;
  root_id: string | null;
  created_at: Date;
  updated_at: Date;
};

export type MessageUpdate = { at: Date; message_id: string; via: 'patch' | 'card_update'; content: string };

export type InboundMessage = {
  message_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  sender_open_id: string;
  at?: Date;
};

export type FailureKind = 'rate_limit' | 'chat_rate_limit' | 'server_error' | 'unavailable' | 'token_invalid' | 'quota' | 'missing_scope' | 'network' | 'slow';

export type FailNextOptions = {
  /** Only requests whose path matches count (default: every Open API call except the token endpoint). */
  match?: string | RegExp;
  /** For 'slow': how long to wait before answering normally (default 5000 ms). */
  delayMs?: number;
  /** For 'rate_limit': the x-ogw-ratelimit-reset value (default 1 s). */
  resetSeconds?: number;
};

export type FailRates = Partial<Record<FailureKind, number>>;

export type RateLimits = {
  /** Per API per app (Feishu's frequency level 4: "1000 次/分钟、50 次/秒"). */
  apiPerSecond: number;
  apiPerMinute: number;
  /** Messages delivered to one user (p2p), one chat, and updates of one message. */
  userPerSecond: number;
  chatPerSecond: number;
  messageUpdatesPerSecond: number;
};

export type LimitScope = 'api_second' | 'api_minute' | 'user' | 'chat' | 'message_update';

export type LimitHit = { at: Date; scope: LimitScope; key: string; path: string; resetSeconds: number };

export type FeishuDoubleOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  appId: string;
  appSecret: string;
  botName?: string;
  botOpenId?: string;
  tenantKey?: string;
  limits?: Partial<RateLimits>;
  users?: DoubleUser[];
  chats?: DoubleChat[];
  /** Accept well-formed ids missing from the directory (sandbox use); tests keep the default false. */
  acceptUnknownIds?: boolean;
  clock?: Clock;
  /** The long-connection side (POST /callback/ws/endpoint and its socket). */
  ws?: WsOptions;
};

/**
 * What /callback/ws/endpoint and every pong hand the SDK, in whole seconds (fractions work: the SDK multiplies by
 * 1000). ReconnectCount -1 means retry for ever. The SDK takes every field as given: a pong without them would set
 * its ping interval to NaN, i.e. ping continuously.
 */
export type WsClientConfig = { PingInterval: number; ReconnectCount: number; ReconnectInterval: number; ReconnectNonce: number };

export type WsOptions = {
  /** Defaults to the values the SDK itself starts from (120 s pings, retry every 120 s after up to 30 s jitter). */
  clientConfig?: Partial<WsClientConfig>;
  /** Live sockets per app before the handshake is refused (Feishu: 50). */
  maxConnections?: number;
};
