/**
 * How a task magic's cell shows its result: live progress while it runs, then the table in place
 * of the progress, then the charts. The result itself is kept as $last, so the cell has no
 * execute_result of its own.
 */
import type { ViewOptions } from "./args/view-options";
import type { MagicContext } from "./magic-context";
import { JUPYTER_DISPLAY } from "./result/attach-display";
import type { ConclabResult } from "./result/experiment-result";
import type { OnProgress } from "./result/experiment-progress";
import { LiveProgress } from "./render/live-progress";
import { chartOutputs, type MimeBundle } from "./render/plotly-html";
import { PLOT_NAMES, resultCharts } from "./render/result-charts";
import { UsageError } from "./usage-error";

function tableOf(result: ConclabResult): MimeBundle {
  return (result as unknown as Record<symbol, () => MimeBundle>)[JUPYTER_DISPLAY]();
}

function jsonOf(result: ConclabResult): MimeBundle {
  return { "application/json": JSON.parse(JSON.stringify(result)), "text/plain": JSON.stringify(result, null, 2) };
}

/** Refuses, before anything runs, a view that cannot be shown. */
function checkView(magic: string, view: ViewOptions, sweeping: boolean): void {
  const given = [view.quiet && "--quiet", view.json && "--json", view.plot && "--plot"].filter(Boolean);
  if (given.length > 1) throw new UsageError(`%%${magic}: ${given.join(" and ")} ask for different outputs: give one of them`);
  const sweep = view.plot?.includes("sweep");
  if (sweep && !sweeping) throw new UsageError(`%%${magic}: --plot sweep needs --sweep NAME=v1,v2,...; without it the charts are ${PLOT_NAMES.filter((p) => p !== "sweep").join(", ")}`);
  if (sweeping && view.plot?.some((p) => p !== "sweep")) throw new UsageError(`%%${magic}: with --sweep the chart is the sweep (--plot sweep); got --plot ${view.plot.join(",")}. Run one point without --sweep for its other charts`);
}

/** Runs `measure` with live progress and shows what it returns; resolves to nothing to show as the cell's result. */
export async function showWhileRunning(magic: string, view: ViewOptions, sweeping: boolean, ctx: MagicContext, measure: (onProgress: OnProgress) => Promise<ConclabResult>): Promise<undefined> {
  checkView(magic, view, sweeping);
  const live = new LiveProgress(ctx.display);
  let result: ConclabResult;
  try {
    result = await measure((progress) => live.update(progress));
  } catch (e) {
    live.finish({ "text/plain": `%%${magic} stopped: see the error below` });
    throw e;
  }
  const main = view.json ? jsonOf(result) : tableOf(result);
  if (!live.finish(main)) ctx.display(main);
  if (view.json || view.quiet) return undefined;
  for (const bundle of chartOutputs(resultCharts(result, view.plot))) ctx.display(bundle);
  return undefined;
}
