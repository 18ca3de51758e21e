// The wording of the weekly round's messages (reminders, escalation, summaries), in one place for review.
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000);
const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/** "11月27日（周五）18:00" */
export function deadlineText(at: Date): string {
  const b = beijing(at);
  return `${b.getUTCMonth() + 1}月${b.getUTCDate()}日（周${WEEKDAY[b.getUTCDay()]}）${String(b.getUTCHours()).padStart(2, '0')}:${String(b.getUTCMinutes()).padStart(2, '0')}`;
}

/** "12月1日 10:05" (Beijing): when a project was filled in, on the list card. */
export function shortTimeText(at: Date): string {
  const b = beijing(at);
  return `${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${String(b.getUTCHours()).padStart(2, '0')}:${String(b.getUTCMinutes()).padStart(2, '0')}`;
}

/** "第48周（11月23日—11月29日）" from the ISO week label and its Monday. */
export function weekText(isoWeek: string, weekStart: string): string {
  const [y, m, d] = weekStart.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1, d + 6));
  return `第${Number(isoWeek.split('-W')[1])}周（${m}月${d}日—${end.getUTCMonth() + 1}月${end.getUTCDate()}日）`;
}

const list = (names: string[], max = 10) => (names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')}等${names.length}个`);

export const roundTexts = {
  reminder: (week: string, unit: string, missing: string[], deadline: string) =>
    `【填报提醒】${unit}${week}重点项目进展尚有${missing.length}个项目未填报：${list(missing)}。请于${deadline}前在调度卡片中填报。`,
  yearEndReminder: (year: number, unit: string, missing: string[], deadline: string) =>
    `【年末数提醒】${unit}尚有${missing.length}个${year}年度项目未填报截至${year}年12月底累计完成投资：${list(missing)}。请于${deadline}前在“${year}年度重点项目年末数填报”卡片中填报。`,
  escalation: (week: string, unit: string, missing: string[], reporters: string[]) =>
    `【督办】${unit}${week}重点项目进展截止时仍有${missing.length}个项目未报送：${list(missing)}。填报人：${reporters.join('、') || '未登记'}。请督促尽快补报。`,
  summary: (week: string, reported: number, total: number, late: Array<{ unit: string; missing: number }>, unresolved: string[]) => {
    const rate = total === 0 ? '—' : `${((reported / total) * 100).toFixed(1)}%`;
    const units = late.length ? `未报齐单位${late.length}个：${late.map((u) => `${u.unit}（缺${u.missing}个）`).join('、')}。` : '各单位均已报齐。';
    const who = unresolved.length
      ? `另有${unresolved.length}名填报人未匹配飞书账号，未收到填报卡片：${list(unresolved)}（请运行 diaodu users sync 核对）。`
      : '';
    return `【周调度汇总】${week}截止：应报${total}个项目，已报${reported}个，报送率${rate}。${units}${who}`;
  },
  yearEndUnreached: (year: number, projects: string[]) =>
    `【年末数】以下${projects.length}个${year}年度项目所在单位无可联系的填报人，未能发出年末数填报卡片：${list(projects, 100)}。` +
    `请核实填报人（可在项目库「单位」表中补登后重新导入，本轮提醒时即向其发送年末数填报入口）；逾期未填报的，${year}年12月通报按估算数编制。`,
  openNotice: (unresolved: string[]) =>
    `【周调度】本周填报卡片已发出。${unresolved.length}名填报人未匹配飞书账号，未能发送：${list(unresolved)}（请运行 diaodu users sync 核对）。`,
};
