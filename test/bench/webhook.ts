// Webhook throughput: distinct, signed and encrypted im.message.receive_v1 events posted by autocannon as fast as the
// server takes them, against the bot's POST /feishu/events and against a bare Hono hello-world on the same machine.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createEventSender } from '../../src/feishu-double';
import { computeSignature, encryptEvent } from '../../src/feishu/crypto';

export type FeishuApp = { appId: string; encryptKey: string; verificationToken: string };

export type LoadResult = {
  /** Responses per second (2xx only counted as handled; see non2xx). */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  connections: number;
};

/**
 * A stream of events as Feishu posts them: each a new group message (its own event_id and message_id) that does not
 * @-mention the bot, so the bot stores it in its inbox, answers 200, and then sets it aside without a reply. Encrypted
 * with the Encrypt Key and signed over the exact bytes (X-Lark-Signature), as src/feishu-double/event-sender.ts does.
 */
export function groupMessageEvents(app: FeishuApp) {
  const builder = createEventSender({ botUrl: 'http://unused', encryptKey: app.encryptKey, verificationToken: app.verificationToken, appId: app.appId });
  let n = 0;
  return () => {
    n += 1;
    const env = builder.build.message({
      text: `第${n}条群消息：今天下午三点开调度会`,
      sender: { open_id: `ou_bench_member_${n % 500}` },
      chatType: 'group',
      chatId: 'oc_bench_group',
    });
    const body = JSON.stringify({ encrypt: encryptEvent(app.encryptKey, JSON.stringify(env)) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const headers = {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': computeSignature(timestamp, nonce, app.encryptKey, body),
    };
    return { body, headers };
  };
}

/** POSTs to `url` for `seconds` over `connections` connections, each request's body and headers from `next` (if given). */
export async function load(
  url: string,
  o: { seconds: number; connections: number; next?: () => { body: string; headers: Record<string, string> } },
): Promise<LoadResult> {
  const next = o.next;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: o.connections,
    duration: o.seconds,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    requests: next ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...next() }) }] : undefined,
  });
  const ok = result.requests.total - result.non2xx;
  return {
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    connections: o.connections,
  };
}
