// The long connection's socket, as Feishu's frontier serves it to the SDK's WSClient: pbbp2 frames over `ws`, pongs
// carrying the client config, events pushed to one connected client and the client's answer handed back.
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { recordInbound, type DoubleState } from './state';
import { WS_PATH, type WsTicket } from './ws-endpoint';
import { decodeFrame, encodeFrame, headerMap, METHOD, parseResponsePayload, type Frame } from './ws-frame';
import type { WsConnectionInfo, WsDouble, WsPushOptions, WsPushResult } from './ws-types';

type Pending = { resolve(r: WsPushResult): void; reject(e: Error): void; timer: NodeJS.Timeout };
type Conn = { info: WsConnectionInfo; socket: WebSocket; pending: Map<string, Pending> };

const DEFAULT_TIMEOUT_MS = 10_000;
const randomDigits = () => BigInt(`0x${randomBytes(7).toString('hex')}`).toString();

export function attachWsServer(server: Server, state: DoubleState): WsDouble & { close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  const live = new Set<Conn>();
  const history: WsConnectionInfo[] = [];
  let seq = 0;
  let counter = 0;

  function refuse(socket: Duplex, status: number, headers: Record<string, string>) {
    const lines = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://double');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, {});
    const ticket = state.ws.tickets.get(url.searchParams.get('ticket') ?? '');
    // Feishu reports handshake refusals in these headers (Go SDK parseHandshakeError); the Node SDK only sees a failed
    // connection and tries again after ReconnectInterval.
    if (!ticket) return refuse(socket, 403, { 'Handshake-Status': '403', 'Handshake-Msg': 'invalid ticket' });
    if (live.size >= state.ws.maxConnections) {
      return refuse(socket, 403, { 'Handshake-Status': '514', 'Handshake-Autherrcode': '1000040350', 'Handshake-Msg': 'exceed conn limit' });
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, ticket));
  }
  server.on('upgrade', onUpgrade);

  function accept(socket: WebSocket, ticket: WsTicket) {
    const info: WsConnectionInfo = {
      id: `ws-${++counter}`,
      deviceId: ticket.deviceId,
      openedAt: state.clock.now(),
      closedAt: null,
      pings: 0,
      silent: false,
      closedBy: null,
    };
    const conn: Conn = { info, socket, pending: new Map() };
    live.add(conn);
    history.push(info);
    socket.on('message', (data) => receive(conn, data));
    socket.on('error', () => {}); // a reset must not become an uncaught 'error'
    socket.on('close', () => {
      info.closedAt = state.clock.now();
      info.closedBy ??= 'client';
      live.delete(conn);
      for (const p of conn.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`connection ${info.id} closed before the client answered`));
      }
      conn.pending.clear();
    });
  }

  function send(conn: Conn, frame: Frame) {
    conn.socket.send(encodeFrame(frame));
  }

  function receive(conn: Conn, data: RawData) {
    if (conn.info.silent) return;
    let frame: Frame;
    try {
      frame = decodeFrame(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
    } catch {
      return; // not a frame: Feishu would drop it too
    }
    const headers = headerMap(frame);
    if (frame.method === METHOD.control && headers.type === 'ping') {
      conn.info.pings += 1;
      const config = Buffer.from(JSON.stringify(state.ws.clientConfig));
      send(conn, { SeqID: '0', LogID: '0', service: frame.service, method: METHOD.control, headers: [{ key: 'type', value: 'pong' }], payload: config });
      return;
    }
    if (frame.method !== METHOD.data) return;
    const pending = conn.pending.get(headers.message_id ?? '');
    if (!pending) return;
    conn.pending.delete(headers.message_id ?? '');
    clearTimeout(pending.timer);
    try {
      const parsed = parseResponsePayload(frame.payload);
      pending.resolve({ ...parsed, headers, connectionId: conn.info.id });
    } catch (err) {
      pending.reject(new Error(`unreadable answer from ${conn.info.id}: ${(err as Error).message}`));
    }
  }

  /** A connection is ready once its first ping arrived: by then the SDK listens for frames on it. */
  async function readyConnection(opts: WsPushOptions, deadline: number): Promise<Conn> {
    for (;;) {
      const ready = [...live].filter((c) => c.info.pings > 0 && !c.info.silent && (!opts.connectionId || c.info.id === opts.connectionId));
      if (ready.length > 0) return ready[Math.floor(Math.random() * ready.length)] as Conn;
      if (Date.now() > deadline) throw new Error(`no ready long-connection client${opts.connectionId ? ` ${opts.connectionId}` : ''} to push to`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // Real time, not the double's clock: a push waits for the SDK's WSClient, which runs on real timers of its own (pings,
  // reconnects) that no test clock reaches.
  async function push(envelope: unknown, opts: WsPushOptions = {}): Promise<WsPushResult> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const conn = await readyConnection(opts, deadline);
    noteInbound(state, envelope);
    const messageId = randomBytes(16).toString('hex');
    const payload = Buffer.from(JSON.stringify(envelope));
    const sum = Math.max(1, Math.min(opts.fragments ?? 1, payload.length));
    const answer = new Promise<WsPushResult>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          conn.pending.delete(messageId);
          reject(new Error(`no answer from ${conn.info.id} within ${timeoutMs} ms`));
        },
        Math.max(1, deadline - Date.now()),
      );
      conn.pending.set(messageId, { resolve, reject, timer });
    });
    const common = { key: 'trace_id', value: randomBytes(8).toString('hex') };
    for (let i = 0; i < sum; i++) {
      const headers = [
        { key: 'type', value: opts.type ?? 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: String(sum) },
        { key: 'seq', value: String(i) },
        common,
        { key: 'timestamp', value: String(state.clock.now().getTime()) },
      ];
      send(conn, {
        SeqID: String(++seq),
        LogID: randomDigits(),
        service: state.ws.serviceId,
        method: METHOD.data,
        headers,
        payload: payload.subarray(Math.floor((i * payload.length) / sum), Math.floor(((i + 1) * payload.length) / sum)),
      });
    }
    return answer;
  }

  return {
    clients: () => [...live].map((c) => c.info),
    history,
    push,
    dropAll() {
      const n = live.size;
      for (const c of live) {
        c.info.closedBy = 'double';
        c.socket.terminate();
      }
      return n;
    },
    goSilent() {
      for (const c of live) c.info.silent = true;
      return live.size;
    },
    close() {
      server.off('upgrade', onUpgrade);
      for (const c of live) {
        c.info.closedBy ??= 'double';
        c.socket.terminate();
      }
      wss.close();
    },
  };
}

/** Feishu delivers a user's message because the user sent it: the double knows it, so the bot can reply to it. */
function noteInbound(state: DoubleState, envelope: unknown) {
  const env = envelope as { header?: { event_type?: string }; event?: { sender?: { sender_id?: { open_id?: string } }; message?: Record<string, unknown> } };
  const m = env?.event?.message;
  const sender = env?.event?.sender?.sender_id?.open_id;
  if (env?.header?.event_type !== 'im.message.receive_v1' || !m || typeof sender !== 'string') return;
  if (typeof m.message_id !== 'string' || typeof m.chat_id !== 'string') return;
  recordInbound(state, {
    message_id: m.message_id,
    chat_id: m.chat_id,
    chat_type: m.chat_type === 'group' ? 'group' : 'p2p',
    sender_open_id: sender,
    at: state.clock.now(),
  });
}
