// Fills the double's directory from the register and resolves everyone's open_id the way a real tenant does it:
// `users sync` (batch_get_id by mobile and e-mail) through the Open API.
import type { AppContext } from '../context';
import type { FeishuConfig } from '../config';
import { createFeishuApi } from '../feishu/api';
import type { FeishuDouble } from '../feishu-double';
import { syncUsers } from '../people/sync-users';
import { bulletinGroup, directoryFromRegister } from './identities';

export async function fillDirectory(ctx: AppContext, double: FeishuDouble, feishu: FeishuConfig): Promise<{ people: number; resolved: number }> {
  const users = await directoryFromRegister(ctx.db);
  for (const u of users) double.addUser(u);
  double.addChat(bulletinGroup(users));
  const report = await syncUsers(ctx.db, createFeishuApi(feishu), ctx.clock.now());
  return { people: report.people, resolved: report.resolved };
}
