/**
 * How a task magic's cell shows its result: live progress while it runs (one "done" line at the
 * end), then the table, then the charts. The result itself is kept as $last, so the cell has no
 * execute_result of its own.
 */
import type { MagicContext } from "../framework/magic-context";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../common/mime-bundle";
import type { ConclabResult } from "../result/experiment-result";
import type { OnProgress } from "./live-progress";
import { LiveProgress } from "./live-progress";
import { chartOutputs } from "./plotly-html";
import { type PlotName, resultCharts } from "./result-charts";

/** What the cell shows: the table and charts (these, or those that fit), only the table, or only the JSON. */
export interface ResultView {
  plot?: PlotName[];
  quiet: boolean;
  json: boolean;
}

function tableOf(result: ConclabResult): MimeBundle {
  return (result as unknown as Record<symbol, () => MimeBundle>)[JUPYTER_DISPLAY]();
}

function jsonOf(result: ConclabResult): MimeBundle {
  return { "application/json": JSON.parse(JSON.stringify(result)), "text/plain": JSON.stringify(result, null, 2) };
}

/** Runs `measure` with live progress and shows what it returns (the view was checked by checkView); resolves to nothing to show as the cell's result. */
export async function showWhileRunning(magic: string, view: ResultView, ctx: MagicContext, measure: (onProgress: OnProgress) => Promise<ConclabResult>): Promise<undefined> {
  const live = new LiveProgress(ctx.display);
  let result: ConclabResult;
  try {
    result = await measure((progress) => live.update(progress));
  } catch (e) {
    live.finish(`%%${magic}`, "stopped (see the error below)");
    throw e;
  }
  live.finish(`%%${magic}`, "done");
  ctx.display(view.json ? jsonOf(result) : tableOf(result));
  if (view.json || view.quiet) return undefined;
  for (const bundle of chartOutputs(resultCharts(result, view.plot), ctx.clientSession)) ctx.display(bundle);
  return undefined;
}
