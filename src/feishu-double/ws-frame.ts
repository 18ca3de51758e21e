// The long connection's wire format: protobuf frames `pbbp2.Frame`, field for field as the SDK defines them
// (node-sdk lib/index.js `pbbp2`, the Go SDK's ws/pbbp2.pb.go). proto2: the four first fields are required.
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: {
          fields: {
            key: { rule: 'required', type: 'string', id: 1 },
            value: { rule: 'required', type: 'string', id: 2 },
          },
        },
        Frame: {
          fields: {
            SeqID: { rule: 'required', type: 'uint64', id: 1 },
            LogID: { rule: 'required', type: 'uint64', id: 2 },
            service: { rule: 'required', type: 'int32', id: 3 },
            method: { rule: 'required', type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
});

const FrameType = root.lookupType('pbbp2.Frame');

/** Frame.method: control frames carry ping/pong, data frames carry events and their answers. */
export const METHOD = { control: 0, data: 1 } as const;

export type FrameHeader = { key: string; value: string };

export type Frame = {
  /** uint64 on the wire; kept as decimal strings here so nothing is lost. */
  SeqID: string;
  LogID: string;
  service: number;
  method: number;
  headers: FrameHeader[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
};

export function encodeFrame(frame: Frame): Uint8Array {
  return FrameType.encode(FrameType.fromObject(frame)).finish();
}

/** Throws (protobufjs ProtocolError) on a frame missing a required field, as the SDK's decoder does. */
export function decodeFrame(bytes: Uint8Array): Frame {
  const message = FrameType.decode(bytes);
  const obj = FrameType.toObject(message, { longs: String, bytes: Buffer }) as Partial<Frame>;
  return { ...obj, headers: obj.headers ?? [] } as Frame;
}

export function headerMap(frame: Frame): Record<string, string> {
  return Object.fromEntries(frame.headers.map((h) => [h.key, h.value]));
}

/**
 * What the client sends back for a data frame (SDK handleEventData): `{code, data?}` as JSON, where code is an HTTP
 * status (200, or 500 when the handler threw) and data is base64 of JSON.stringify(whatever invoke returned); data is
 * left out when invoke returned nothing.
 */
export type ResponsePayload = { code: number; data?: string };

export function parseResponsePayload(payload: Uint8Array | undefined): { code: number; data: unknown; raw: ResponsePayload } {
  const raw = JSON.parse(Buffer.from(payload ?? []).toString('utf8')) as ResponsePayload;
  const data = typeof raw.data === 'string' ? (JSON.parse(Buffer.from(raw.data, 'base64').toString('utf8')) as unknown) : undefined;
  return { code: raw.code, data, raw };
}
