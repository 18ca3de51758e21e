// Questions about 挂图作战 for a group: "江北区挂图", "全市红灯项目图", "挂图作战", "红灯项目图表". The words before the
// chart words say whose (a county, a unit, the city); read by parseQuestion like any other question.

/** The question asks for a chart of red projects. */
const CHART = /挂图|作战图|红灯(项目)?(的)?(图|图表|柱状图)$/u;
/** The chart words at the end, with 的 and the like before them: what is left names whose projects. */
const TAIL = /(的)?(挂图作战|挂图|作战图|柱状图|图表|图)(情况)?$/u;

/** `t` is the normalised question text (no punctuation at the end); the words left to read, or null when not a chart. */
export function chartQuestionRest(raw: string, t: string): string | null {
  const bare = t.replace(/[\s？?。!！]+$/u, '');
  if (!CHART.test(bare)) return null;
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/[\s？?。!！]+$/u, '')
    .replace(TAIL, '');
}
