// Composition root: the only place that reads process.env, installs signal handlers and exits the process.
import { createClock } from './clock';
import { type Config, ConfigError, loadConfig, serverConfigProblems } from './config';
import { createLogger } from './log';
import { SANDBOX_SQLITE_PATH, startSandbox } from './sandbox/start';
import { type RunningServer, startServer } from './server';
import { startupBanner } from './startup';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
    const refused = serverConfigProblems(config);
    if (refused.length > 0) throw new ConfigError(refused);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  process.stdout.write(`${startupBanner(config)}\n`);
  // Without a Feishu app the sandbox runs, on a database of its own unless DATABASE_URL names one.
  const ownDatabase = !config.feishu && !process.env.DATABASE_URL?.trim();
  if (ownDatabase) config = Object.freeze({ ...config, database: { kind: 'sqlite' as const, path: SANDBOX_SQLITE_PATH } });
  const clock = createClock(config.now);
  const log = createLogger(undefined, () => clock.now());
  // Signal handlers go in before the server starts: a SIGTERM that arrives during start-up still ends cleanly.
  let running: RunningServer | null = null;
  let stopRequested: string | null = null;
  const shutdown = (signal: string) => {
    log.info(`收到 ${signal}，正在停止（不再接收新请求，完成进行中的工作）`);
    if (!running) {
      stopRequested = signal;
      return;
    }
    running.stop().then(
      () => process.exit(0),
      (err) => {
        log.error('停止时出错', { error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    running = config.feishu
      ? await startServer(config, { log, clock })
      : await startSandbox(config, { log, clock }, { ownDatabase, out: (line) => process.stdout.write(`${line}\n`) });
  } catch (err) {
    process.stderr.write(`启动失败：${(err as Error).message}\n`);
    process.exit(1);
  }
  if (stopRequested) shutdown(stopRequested);
}

void main();
