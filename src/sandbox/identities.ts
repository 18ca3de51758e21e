// Who exists in the sandbox's pretend Feishu tenant: the app, the bot, the register's people, an administrator and
// the bulletin group, with ids that stay the same from one start to the next (the database keeps them).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import type { DoubleChat, DoubleUser } from '../feishu-double';

const hex = (seed: string, n: number) => createHash('sha256').update(`diaodu-sandbox:${seed}`).digest('hex').slice(0, n);

/** A Feishu-shaped open_id for a register person, derived from what the register keys them by. */
export function sandboxOpenId(key: string): string {
  return `ou_${hex(`person:${key}`, 32)}`;
}

export const SANDBOX_BOT = { openId: `ou_${hex('bot', 32)}`, name: '调度助手' } as const;
/** The 重点项目办 account: not a person of the register, named in the `admins` setting by its open_id. */
export const SANDBOX_ADMIN = { openId: `ou_${hex('admin', 32)}`, name: '重点项目办（管理员）' } as const;
export const SANDBOX_GROUP = { chatId: `oc_${hex('bulletin-group', 32)}`, name: '重点项目调度群' } as const;

/** A fresh app for each start: the double and the bot share these secrets in memory only. */
export function sandboxApp() {
  return {
    appId: `cli_${randomBytes(8).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
    verificationToken: randomBytes(16).toString('hex'),
    encryptKey: randomBytes(16).toString('hex'),
  };
}

/** The tenant's directory: every person of the register by mobile or e-mail, as `users sync` will find them. */
export async function directoryFromRegister(db: Db): Promise<DoubleUser[]> {
  const people = await db.selectFrom('people').select(['id', 'name', 'mobile', 'email', 'resigned_at']).orderBy('id').execute();
  const users: DoubleUser[] = people.map((p) => ({
    open_id: sandboxOpenId(p.mobile ?? p.email ?? `id:${p.id}`),
    name: p.name,
    ...(p.mobile ? { mobile: p.mobile } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.resigned_at ? { resigned: true } : {}),
  }));
  return [...users, { open_id: SANDBOX_ADMIN.openId, name: SANDBOX_ADMIN.name }];
}

/** The bulletin group holds everyone of the directory. */
export function bulletinGroup(users: DoubleUser[]): DoubleChat {
  return { chat_id: SANDBOX_GROUP.chatId, name: SANDBOX_GROUP.name, members: users.filter((u) => !u.resigned).map((u) => u.open_id) };
}
