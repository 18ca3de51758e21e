// When a click happened, as far as the program believes the callback's stamp (header.create_time, set by Feishu from
// the client's report). Later clicks win (db/reports.ts saveReport), so a stamp from the future would make every real
// submission after it look "earlier" and be refused for the whole week; such stamps count as the moment of arrival.

/**
 * How far ahead of the program's clock a click may be stamped and still be believed: Feishu's servers and ours are
 * both on NTP, so two minutes covers any honest difference while keeping the ordering of two real clicks.
 */
export const CLICK_CLOCK_SKEW_MS = 2 * 60_000;

/** The click time to order submissions by: the stamp, or `now` when the stamp is later than now plus the allowed skew. */
export function believableClickTime(stamped: Date | null, now: Date): Date | null {
  if (!stamped || Number.isNaN(stamped.getTime())) return null;
  return stamped.getTime() > now.getTime() + CLICK_CLOCK_SKEW_MS ? now : stamped;
}
