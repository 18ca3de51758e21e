// 「填报」「我要填报」「补报」: a reporter asking for their unit's list card of the week (or of the round still open for 补报).

export type ReportIntent = { kind: 'report'; late: boolean };

/** The whole question, normalised (normalizeText: no spaces or punctuation): 填报, 我要填报, 补报, 我要补报, 去填报一下…. */
const REPORT_RE = /^(?:我要|我想|我来|要|去)?(填报|补报)(?:一下|入口|卡片)?(?:吧|呢)?$/u;

export function parseReportRequest(t: string): ReportIntent | null {
  const m = REPORT_RE.exec(t);
  return m ? { kind: 'report', late: m[1] === '补报' } : null;
}
