// `diaodu users sync`: map the register's people to Feishu accounts by mobile and e-mail.
import { createFeishuApi } from '../../feishu/api';
import { adminsElsewhereText, syncUsers } from '../../people/sync-users';
import { queueDraftsToNewAdmins } from './settings';
import type { Command } from '../command';

export const usersSyncCommand: Command = {
  name: 'users sync',
  writes: true,
  summary: '按手机号、邮箱匹配飞书账号（open_id），列出未匹配和已离职人员',
  help: `用法：diaodu users sync

按项目库中人员的手机号和邮箱向飞书查询账号（每批 50 个），记下 open_id，
并列出在飞书中找不到的人员和已离职人员。设置 admins 中以手机号或邮箱登记、项目库中
没有的管理员，也按飞书通讯录查出账号和姓名并登记（不授予其他权限），此后即可审定、发布和办理问题。需要配置飞书应用（FEISHU_APP_ID 等）
及通讯录权限 contact:user.id:readonly。导入项目库后、每周调度开始前运行。`,
  async run(ctx) {
    if (!ctx.config.feishu) {
      ctx.io.err('未配置飞书应用（FEISHU_APP_ID、FEISHU_APP_SECRET、FEISHU_VERIFICATION_TOKEN），无法查询飞书账号。');
      return 1;
    }
    const { db } = await ctx.openDb();
    const report = await syncUsers(db, createFeishuApi(ctx.config.feishu), ctx.clock.now());
    ctx.io.out(
      `人员 ${report.people} 人：已匹配飞书账号 ${report.resolved} 人（本次更新 ${report.changed} 人），未匹配 ${report.unresolved.length} 人，已离职 ${report.resigned.length} 人。`,
    );
    const line = (p: { name: string; mobile: string | null; email: string | null }) => `  ${p.name}  ${p.mobile ?? '（无手机号）'}  ${p.email ?? '（无邮箱）'}`;
    if (report.unresolved.length) ctx.io.out(`未匹配（请核对手机号、邮箱，或确认其在应用可用范围内）：\n${report.unresolved.map(line).join('\n')}`);
    if (report.admins.added.length) {
      ctx.io.out(
        `设置 admins 中以手机号或邮箱登记、项目库中没有的管理员，已按飞书通讯录登记 ${report.admins.added.length} 人：${report.admins.added.map((a) => `${a.name}（${a.contact}）`).join('、')}。`,
      );
      const drafts = await queueDraftsToNewAdmins(db, ctx.clock.now());
      if (drafts) ctx.io.out(`待审定的 ${drafts} 份通报已排入发送队列，由运行中的服务发给新登记的管理员。`);
    }
    if (report.admins.elsewhere.length) ctx.io.out(adminsElsewhereText(report.admins.elsewhere));
    if (report.admins.unresolved.length) {
      ctx.io.out(`设置 admins 中以下管理员在飞书中找不到或已离职，暂不能审定和发布（请核对手机号、邮箱）：${report.admins.unresolved.join('、')}。`);
    }
    if (report.resigned.length) ctx.io.out(`已离职（请在项目库中更换填报人或负责人）：\n${report.resigned.map(line).join('\n')}`);
    return 0;
  },
};
