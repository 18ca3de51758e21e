// The sandbox as `npm start` runs it without Feishu variables, started in the test process on a fresh database and
// on a clock set to a working morning, so the week's round opens as the server starts.
import { createClock } from '../../src/clock';
import type { Config } from '../../src/config';
import { silentLogger, type Logger } from '../../src/log';
import { type RunningSandbox, type SandboxActions, startSandbox } from '../../src/sandbox/start';
import { SAMPLE } from '../fixtures/register-workbooks';
import { createTestDatabase, type TestDatabase } from './db';

/** Tuesday of week 48: the round opened on Monday, six weeks of demo reports lie behind it. */
export const SANDBOX_NOW = '2026-11-24T10:00:00+08:00';

export type TestSandbox = { sandbox: RunningSandbox; t: TestDatabase; stop(): Promise<void> };

export async function startTestSandbox(
  engine: 'sqlite' | 'postgres',
  o: { t?: TestDatabase; now?: string; actions?: SandboxActions; log?: Logger } = {},
): Promise<TestSandbox> {
  const t = o.t ?? (await createTestDatabase(engine));
  const config: Config = Object.freeze({ port: 0, database: t.target, feishu: null, now: null });
  const sandbox = await startSandbox(
    config,
    { log: o.log ?? silentLogger, clock: createClock(o.now ?? SANDBOX_NOW) },
    { registerFile: SAMPLE, actions: o.actions },
  );
  return { sandbox, t, stop: () => sandbox.stop() };
}
