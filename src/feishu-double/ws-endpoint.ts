// POST /callback/ws/endpoint: where the SDK's WSClient asks, with AppID and AppSecret, which socket to open and how
// often to ping. It asks again before every (re)connection attempt.
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { flat, type DoubleEnv } from './http';
import type { Clock } from '../clock';
import type { WsClientConfig, WsOptions } from './types';

export const WS_ENDPOINT_PATH = '/callback/ws/endpoint';
/** Feishu's socket lives at wss://msg-frontier.feishu.cn/ws/v2?…; the double serves it on its own port. */
export const WS_PATH = '/ws/v2';

/** The SDK's own starting values (WSConfig); what Feishu hands out in practice is of this order. */
export const DEFAULT_WS_CLIENT_CONFIG: WsClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

export type WsTicket = { ticket: string; deviceId: string; issuedAt: number };

export type WsState = {
  /** Live: a change shows in the next endpoint answer and the next pong. */
  clientConfig: WsClientConfig;
  /** The `service_id` of the URL; the SDK puts it into every ping's `service`. */
  serviceId: number;
  tickets: Map<string, WsTicket>;
  maxConnections: number;
};

export function createWsState(opts: WsOptions = {}): WsState {
  return {
    clientConfig: { ...DEFAULT_WS_CLIENT_CONFIG, ...opts.clientConfig },
    serviceId: 33554678,
    tickets: new Map(),
    maxConnections: opts.maxConnections ?? 50,
  };
}

const digits = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`).toString();

/** What the endpoint needs of the double's state (not the whole of it, which itself holds the endpoint's state). */
type EndpointState = { appId: string; appSecret: string; clock: Clock; ws: WsState };

export function registerWsEndpointRoute(app: Hono<DoubleEnv>, state: EndpointState): void {
  app.post(WS_ENDPOINT_PATH, (c) => {
    const body = c.get('body') as { AppID?: unknown; AppSecret?: unknown } | undefined;
    if (body?.AppID !== state.appId || body.AppSecret !== state.appSecret) {
      // SDK users with a wrong AppID/AppSecret see "[ws] Request failed with status code 400", retried for ever
      // (axios throws on a 400, which the SDK counts as retryable). The body is not documented: 514 is the SDK's own
      // name for an auth failure (ErrorCode.auth_failed). A 200 with a non-zero code would instead stop the SDK for good.
      return flat(c, { code: 514, msg: 'auth failed: invalid AppID or AppSecret' }, 400);
    }
    const ticket = randomBytes(16).toString('hex');
    const deviceId = digits(8);
    state.ws.tickets.set(ticket, { ticket, deviceId, issuedAt: state.clock.now().getTime() });
    const host = new URL(c.req.url).host;
    // device_id must not come first: the SDK runs qs.parse over the whole URL, so the first key keeps the URL's head
    // ("ws://host/ws/v2?fpid"). Feishu's own URLs start with fpid and aid, as here.
    const query = new URLSearchParams({
      fpid: '493',
      aid: '552564',
      device_id: deviceId,
      access_key: randomBytes(16).toString('hex'),
      service_id: String(state.ws.serviceId),
      ticket,
    });
    return flat(c, { code: 0, msg: 'ok', data: { URL: `ws://${host}${WS_PATH}?${query}`, ClientConfig: { ...state.ws.clientConfig } } });
  });
}
