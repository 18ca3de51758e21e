// The Bulletin carries amounts in 万元 as JSON numbers; the formatters take integer 元. Both ways are exact: 元 are
// integers, so a 万元 figure has at most 4 decimals and converts back without loss.

/** 元 → 万元. */
export const wan = (yuan: number): number => yuan / 10_000;

/** 万元 → 元. */
export const yuanOf = (wanAmount: number): number => Math.round(wanAmount * 10_000);
