// Public face of the Feishu test double (tests now, sandbox mode later): the server, the event sender, their types.
export { startFeishuDouble, type FeishuDouble } from './server';
export { createFeishuDoubleApp } from './app';
export { createDoubleState } from './state';
export { createFaultInjector, createPrng } from './faults';
export { DEFAULT_LIMITS } from './rate-limiter';
export { p2pChatId } from './http';
export { createEventSender, type EventSender, type EventSenderOptions, type PostOptions, type PostResult, type Tamper } from './event-sender';
export type { Envelope, EventHeader, Person, MessageEventInput, BotAddedInput, CardActionInput, CardAction } from './event-builders';
export { DEFAULT_WS_CLIENT_CONFIG, WS_ENDPOINT_PATH, WS_PATH } from './ws-endpoint';
export { decodeFrame, encodeFrame, METHOD as FRAME_METHOD, type Frame, type FrameHeader } from './ws-frame';
export type { WsConnectionInfo, WsDouble, WsPushOptions, WsPushResult } from './ws-types';
export type * from './types';
