// The long-connection side of the double as tests see it: its connections, pushes and their answers.
import type { ResponsePayload } from './ws-frame';

export type WsConnectionInfo = {
  id: string;
  /** device_id of the endpoint answer the client connected with. */
  deviceId: string;
  openedAt: Date;
  closedAt: Date | null;
  /** The SDK pings as soon as the socket opens, then every PingInterval seconds. */
  pings: number;
  /** Silent: nothing is read or answered any more, like a socket gone half-open. */
  silent: boolean;
  /** 'double' when dropAll() cut it; 'client' otherwise (the SDK closing, or its ping watchdog terminating it). */
  closedBy: 'client' | 'double' | null;
};

export type WsPushOptions = {
  /** The frame's `type` header. Feishu sends events and card callbacks alike as 'event'; the SDK ignores 'card'. */
  type?: string;
  /** Sent as this many frames (headers sum/seq), as Feishu splits large payloads. Default 1. */
  fragments?: number;
  /** The connection to use; default one picked at random among the ready ones, as Feishu does. */
  connectionId?: string;
  /** How long to wait for a ready connection and then for the answer (default 10 s). */
  timeoutMs?: number;
};

export type WsPushResult = {
  /** HTTP-style: 200, or 500 when the client's handler threw. */
  code: number;
  /** JSON the client's handler returned (base64-decoded and parsed); undefined when it returned nothing. */
  data: unknown;
  raw: ResponsePayload;
  /** Headers of the answering frame: those pushed, plus biz_rt (the SDK computes start − end, so it is ≤ 0). */
  headers: Record<string, string>;
  connectionId: string;
};

export type WsDouble = {
  /** Open connections, oldest first. */
  clients(): WsConnectionInfo[];
  /** Every connection ever accepted, closed ones included. */
  history: WsConnectionInfo[];
  /** Pushes an envelope to a client; resolves with its answer. A message event is first recorded as inbound. */
  push(envelope: unknown, opts?: WsPushOptions): Promise<WsPushResult>;
  /** Cuts every open connection (TCP reset, no close frame); returns how many. */
  dropAll(): number;
  /** Open connections stop answering anything, pings included; later connections behave. Returns how many. */
  goSilent(): number;
};
