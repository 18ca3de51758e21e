// An administrator's 观摩 commands in chat: "开启观摩 名称：…；日期：…；项目：…（或 县区：…）；评委：…" and "结束观摩 3".
// Parsed here (pure); src/handlers/tours/chat.ts checks who asks and carries them out.

export type TourCommand =
  | { kind: 'open'; name: string; date: string; codes?: string[]; counties?: string[]; judges: string[] }
  | { kind: 'close'; id: number }
  | { kind: 'bad'; reason: string };

export const TOUR_OPEN_EXAMPLE = '开启观摩 名称：2026年四季度观摩；日期：2026-11-20；县区：江北区、江南区；评委：13900010001、李明';

const list = (s: string) =>
  s
    .split(/[,，、\s]+/u)
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** 2026-11-20, 2026/11/20, 2026.11.20 or 2026年11月20日 → '2026-11-20'; null otherwise. */
export function tourDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(s.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

/** The command a message is; null when it is not about 观摩 (then it is a question). */
export function tourCommandOf(text: string): TourCommand | null {
  const t = text.normalize('NFKC').trim();
  const close = /^(?:结束观摩|关闭观摩|观摩结束)\s*(?:第|编号)?\s*(\d+)\s*(?:号|次)?[。.!！]?$/u.exec(t);
  if (close) return { kind: 'close', id: Number(close[1]) };
  if (/^(?:结束观摩|关闭观摩)/u.test(t)) return { kind: 'bad', reason: '请写明要结束的观摩编号，如“结束观摩 1”。' };
  const open = /^(?:开启观摩|开始观摩|发起观摩)[:：\s]*(.*)$/su.exec(t);
  if (!open) return null;
  const fields = new Map<string, string>();
  for (const part of (open[1] ?? '').split(/[;；\n]+/u)) {
    const kv = /^\s*(名称|日期|项目|县区|评委)\s*[:：]\s*(.*?)\s*$/u.exec(part);
    if (kv) fields.set(kv[1]!, kv[2]!);
  }
  const usage = `请按“${TOUR_OPEN_EXAMPLE}”的格式发送（项目可写“项目：项目编号、项目编号”代替县区）。`;
  const name = fields.get('名称');
  const rawDate = fields.get('日期');
  const judges = list(fields.get('评委') ?? '');
  const codes = list(fields.get('项目') ?? '');
  const counties = list(fields.get('县区') ?? '');
  if (!name || !rawDate || judges.length === 0 || codes.length + counties.length === 0)
    return { kind: 'bad', reason: `缺少名称、日期、项目或县区、评委。${usage}` };
  if (codes.length && counties.length) return { kind: 'bad', reason: '观摩项目请只按项目编号或只按县区给出，不要同时给出。' };
  const date = tourDate(rawDate);
  if (!date) return { kind: 'bad', reason: `日期“${rawDate}”无法识别，请写作 2026-11-20。` };
  return { kind: 'open', name, date, ...(codes.length ? { codes } : { counties }), judges };
}
