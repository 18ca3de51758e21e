// The `diaodu` command line: finds the command named by the first words, parses its options, prints help.
import { parseArgs } from 'node:util';
import { createClock } from '../clock';
import { type Config, ConfigError, loadConfig } from '../config';
import { type OpenedDatabase, openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { databaseTarget } from '../startup';
import type { CliIO, Command, CommandArgs } from './command';
import { commands } from './commands/index';

const TOP_HELP = `调度助手 diaodu —— 重点项目建设调度飞书机器人的管理命令

用法：diaodu <命令> [参数] [选项]
      diaodu <命令> --help   查看该命令的详细说明

数据库由环境变量 DATABASE_URL 指定（未设置时为 ./data/diaodu.sqlite），DIAODU_NOW 可设定当前时间。`;

function listCommands(prefix: string[]): string {
  const rows = commands.filter((c) => prefix.every((w, i) => c.name.split(' ')[i] === w)).map((c) => `  ${c.name.padEnd(22)}${c.summary}`);
  return `可用命令：\n${rows.join('\n')}`;
}

/** The command whose name matches the most leading words of argv. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(`${TOP_HELP}\n\n${listCommands([])}`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.some((c) => c.name.startsWith(`${argv[0]} `));
    if (group && (argv.length === 1 || argv[1]?.startsWith('-'))) {
      io.out(listCommands([argv[0] ?? '']));
      return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
    }
    io.err(`未知命令：${argv.slice(0, 2).join(' ')}\n\n${listCommands(group ? [argv[0] ?? ''] : [])}`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  let parsed: { values: CommandArgs['values']; positionals: string[] };
  try {
    const p = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    parsed = { values: p.values as CommandArgs['values'], positionals: p.positionals };
  } catch (err) {
    io.err(`参数有误：${(err as Error).message}\n\n${command.help}`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
  const clock = createClock(config.now);
  const { values } = parsed;
  if (typeof command.writes === 'function' ? command.writes(values) : command.writes) io.err(`写入数据库：${databaseTarget(config)}`);
  let opened: OpenedDatabase | null = null;
  const openDb = async () => {
    if (opened) return opened;
    const db = openDatabase(config.database);
    try {
      await migrateToLatest(db.db, config.database);
    } catch (err) {
      await db.close().catch(() => {});
      throw err;
    }
    opened = db;
    return db;
  };
  try {
    return await command.run({ config, clock, io, openDb }, { values, positionals: parsed.positionals });
  } catch (err) {
    io.err(`执行失败：${(err as Error).message}`);
    return 1;
  } finally {
    if (opened) await (opened as OpenedDatabase).close();
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS, or the stream has failed. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve();
    // Writes complete in order: the callback of an empty write runs after every earlier write is out (or failed).
    stream.write('', () => resolve());
  });
}

/**
 * Runs the command line as the `diaodu` process: prints to stdout and stderr, and ends only once all of it is out.
 * A pipe takes 64 KiB at a time, so a long bulletin read by a slow reader (`| head`, `| less`) is still queued when
 * the command finishes; process.exit() would drop it. The exit code is set, not forced, once the output is out.
 */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  let broken = false;
  const onStreamError = (err: NodeJS.ErrnoException) => {
    // EPIPE: the reader has gone (`| head -c 10`): what it did not take cannot be delivered; that is not a failure.
    if (err.code !== 'EPIPE') broken = true;
  };
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  const io: CliIO = { out: (t) => void process.stdout.write(`${t}\n`), err: (t) => void process.stderr.write(`${t}\n`) };
  let code: number;
  try {
    code = await runCli(argv, env, io);
  } catch (err) {
    io.err(`执行失败：${(err as Error).message}`);
    code = 1;
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exitCode = broken && code === 0 ? 1 : code;
  // The output is out; should a library still hold a handle open (a socket, a timer), do not wait on it forever.
  setTimeout(() => process.exit(), 2_000).unref();
}

// Run when executed directly (npm run diaodu), not when imported by tests or by bin/diaodu.js.
if (process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1])) {
  void main(process.argv.slice(2), process.env);
}
