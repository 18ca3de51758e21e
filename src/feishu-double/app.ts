// The double's Hono app: records every request, injects planned failures, checks the token, then routes.
import { Hono } from 'hono';
import { answerFault, type FaultInjector } from './faults';
import { fail, logId, type DoubleContext, type DoubleEnv } from './http';
import { registerAuthRoutes, requireTenantToken } from './routes-auth';
import { registerDirectoryRoutes } from './routes-directory';
import { registerMessageRoutes } from './routes-messages';
import { registerUpdateRoutes } from './routes-updates';
import { partSize, registerUploadRoutes } from './routes-uploads';
import { nowMs, type DoubleState } from './state';
import { registerWsEndpointRoute } from './ws-endpoint';
import type { RecordedRequest } from './types';

const FILE_FIELDS = new Set(['image', 'file']);

export function createFeishuDoubleApp(state: DoubleState, faults: FaultInjector): Hono<DoubleEnv> {
  const app = new Hono<DoubleEnv>();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const record: RecordedRequest = {
      at: new Date(nowMs(state)),
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(c.req.raw.headers),
      body: undefined,
      status: null,
      code: null,
      fault: null,
    };
    state.requests.push(record);
    c.set('record', record);
    const { parsed, summary } = await readBody(c);
    c.set('body', parsed);
    record.body = summary;
    c.header('x-tt-logid', logId());
    const planned = faults.take(record.path);
    const faulted = planned ? await answerFault(c, planned, state.clock) : null;
    if (faulted) {
      if (record.fault !== 'network') record.status = faulted.status;
      return faulted;
    }
    await next();
    record.status = c.res.status;
  });

  app.use('/open-apis/*', requireTenantToken(state));
  registerAuthRoutes(app, state);
  registerMessageRoutes(app, state);
  registerUpdateRoutes(app, state);
  registerUploadRoutes(app, state);
  registerDirectoryRoutes(app, state);
  registerWsEndpointRoute(app, state);

  // The gateway's answer to an unknown path is plain text, not a Feishu envelope.
  app.notFound((c) => c.text('404 page not found', 404));
  // A bug in the double must show as a 500 in the test, with the reason, since nobody else will see it.
  app.onError((err, c) => fail(c as DoubleContext, { status: 500, code: 1500, msg: 'internal error' }, String(err)));
  return app;
}

/** Parses JSON and multipart bodies once; the record keeps multipart files as sizes, not contents. */
async function readBody(c: DoubleContext): Promise<{ parsed: unknown; summary: unknown }> {
  const type = c.req.header('content-type') ?? '';
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return { parsed: undefined, summary: undefined };
  if (type.includes('multipart/form-data')) {
    const parts = await c.req.parseBody();
    const summary: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(parts)) {
      const single = Array.isArray(value) ? value[0] : value;
      // The SDK's Buffers arrive as text fields, so the upload fields are known by name, not by type.
      const isUpload = typeof single !== 'string' || FILE_FIELDS.has(name);
      summary[name] = isUpload ? { size: partSize(single as string | File | undefined) } : single;
    }
    return { parsed: parts, summary };
  }
  const text = await c.req.text();
  if (text === '') return { parsed: undefined, summary: undefined };
  try {
    const json: unknown = JSON.parse(text);
    return { parsed: json, summary: json };
  } catch {
    // Left as text: the route then reports the missing fields as Feishu would.
    return { parsed: text, summary: text };
  }
}
