// The flood (issue 17 rows 1–2): hundreds of connections that need no key — half stop in their headers, half send
// most of a large body with signature-looking headers and stall — against the bot in its own process. Measured: the
// process's RSS before, during (peak) and after, and how long a valid signed event takes to be answered meanwhile.
import { connect, type Socket } from 'node:net';
import { createEventSender, startFeishuDouble } from '../../src/feishu-double';
import { BOT_ARGS } from '../helpers/entry';
import { sampleRss, startChild } from './server';

export type FloodResult = {
  connections: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssDuringMb: number;
  rssAfterMb: number;
  eventMs: number;
  eventStatus: number;
  /** Flood connections the server had closed by the time the event was answered (refused or timed out). */
  closedByServer: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function slowConnection(port: number, i: number): Socket {
  const s = connect(port, '127.0.0.1');
  s.on('error', () => {});
  s.resume();
  if (i % 2 === 0) {
    s.write('POST /feishu/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nX-Lark-');
  } else {
    const ts = String(Math.floor(Date.now() / 1000));
    s.write(
      `POST /feishu/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nX-Lark-Signature: forged\r\nX-Lark-Request-Timestamp: ${ts}\r\nX-Lark-Request-Nonce: n\r\nContent-Length: 2000000\r\n\r\n`,
    );
    s.write(Buffer.alloc(256 * 1024, 0x20));
  }
  return s;
}

export async function runFlood(o: {
  databaseUrl: string;
  app: { appId: string; appSecret: string; encryptKey: string; verificationToken: string };
  connections: number;
  settleMs: number;
}): Promise<FloodResult> {
  const botOpenId = 'ou_bench_bot';
  const double = await startFeishuDouble({
    appId: o.app.appId,
    appSecret: o.app.appSecret,
    botOpenId,
    users: [{ open_id: 'ou_flood_user', name: '测试用户' }],
  });
  const bot = await startChild(
    BOT_ARGS,
    {
      DATABASE_URL: o.databaseUrl,
      FEISHU_APP_ID: o.app.appId,
      FEISHU_APP_SECRET: o.app.appSecret,
      FEISHU_ENCRYPT_KEY: o.app.encryptKey,
      FEISHU_VERIFICATION_TOKEN: o.app.verificationToken,
      FEISHU_DOMAIN: double.url,
    },
    '/healthz',
  );
  const rss = sampleRss(() => bot.rssMb());
  try {
    const deadline = Date.now() + 15_000;
    while (!double.requests.some((r) => r.path.startsWith('/open-apis/bot/v3/info'))) {
      if (Date.now() > deadline) throw new Error(`the bot did not ask for its identity:\n${bot.output()}`);
      await sleep(50);
    }
    await sleep(1000);
    const rssBeforeMb = bot.rssMb() ?? 0;
    const port = Number(new URL(bot.base).port);
    let closedByServer = 0;
    const flood = Array.from({ length: o.connections }, (_, i) => {
      const s = slowConnection(port, i);
      s.once('close', () => (closedByServer += 1));
      return s;
    });
    await sleep(1500);
    const sender = createEventSender({
      botUrl: `${bot.base}/feishu/events`,
      encryptKey: o.app.encryptKey,
      verificationToken: o.app.verificationToken,
      appId: o.app.appId,
      inbound: double,
    });
    const t0 = performance.now();
    const res = await sender.sendMessage({ text: '洪水期间的正常消息', sender: { open_id: 'ou_flood_user' }, chatType: 'group', chatId: 'oc_flood' });
    const eventMs = performance.now() - t0;
    const closedAtEvent = closedByServer;
    const rssDuringMb = bot.rssMb() ?? 0;
    for (const s of flood) s.destroy();
    await sleep(o.settleMs);
    const rssAfterMb = bot.rssMb() ?? 0;
    return {
      connections: o.connections,
      rssBeforeMb,
      rssPeakMb: rss.peakMb,
      rssDuringMb,
      rssAfterMb,
      eventMs,
      eventStatus: res.status,
      closedByServer: closedAtEvent,
    };
  } finally {
    rss.stop();
    await bot.stop();
    await double.close();
  }
}
