/**
 * The static SVG every chart output holds, for a comparison of 3 models with 1,000 tasks each: the
 * time to draw it per chart kind against the time to build the Plotly figure it is drawn from, and
 * the chart output's size with it against the size without it.
 */
import { fixtureComparison, fixtureExperiment, fixtureMemory, fixtureTasks } from "../test/support/result-fixtures";
import { median } from "../magics/statistics/statistics";
import { chartBundle } from "../magics/render/plotly-html";
import { resultCharts, type PlotName } from "../magics/render/result-charts";
import { staticChartSvg } from "../magics/render/static-chart";
import { sweepFigure } from "../magics/render/sweep-figure";
import type { BenchRow } from "./bench-row";

const TASKS = 1000;
const REPS = 30;
const WARMUP = 5;

/** Median ms of `work` over REPS runs, after a warm-up. */
function medianMs(work: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) work();
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

/** 1,000 tasks of 3-15 ms on 8 lanes, apart from each other (so that few bars merge), 1 in 50 failed. */
function comparison() {
  const tasks = fixtureTasks(TASKS, [1, 2, 3, 4, 5, 6, 7, 8], Array.from({ length: TASKS / 50 }, (_, i) => i * 50));
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  tasks.start = tasks.start.map((_, i) => Math.floor(i / 8) * 20 + random() * 4);
  tasks.end = tasks.start.map((s) => s + 3 + random() * 12);
  const failures = tasks.ok.flatMap((ok, index) => (ok ? [] : [{ index, name: "TimeoutError", message: "the task did not finish within --timeout 10 s", stack: "" }]));
  const experiments = (["sync", "threads", "processes"] as const).map((model) => fixtureExperiment({ model, tasks, failures, memory: fixtureMemory(250, 12_345) }));
  return fixtureComparison(experiments);
}

export function benchStaticChart(): BenchRow[] {
  const result = comparison();
  const sweepPoints = [1, 10, 100, 1000].flatMap((value) => result.experiments.map((e) => ({ model: e.model, value, wallMs: e.summary.wallMs })));
  const builders: { plot: PlotName; build: () => { figure: Parameters<typeof staticChartSvg>[0]; text: string } }[] = [
    ...(["bars", "timeline", "memory", "loop-delay"] as const).map((plot) => ({ plot, build: () => resultCharts(result, [plot])[0] })),
    { plot: "sweep", build: () => ({ figure: sweepFigure(sweepPoints, "tasks"), text: "" }) },
  ];
  return builders.flatMap(({ plot, build }): BenchRow[] => {
    const chart = build();
    const drawMs = medianMs(() => staticChartSvg(chart.figure));
    const buildMs = medianMs(build);
    const bundle = chartBundle(chart.figure, chart.text);
    const withStatic = JSON.stringify(bundle).length / 1000;
    // The same output as it was before the static SVG: no image/svg+xml, no <img> in the HTML.
    const withoutStatic = JSON.stringify({ ...bundle, "image/svg+xml": undefined, "text/html": (bundle["text/html"] as string).replace(/<img [^>]*>/, "") }).length / 1000;
    return [
      { name: `static ${plot} SVG: ms to draw (vs building the figure)`, value: drawMs, baseline: buildMs, ratio: drawMs / buildMs, unit: "ms", target: "value < 20 ms" },
      { name: `${plot} output KB with the static SVG (vs without)`, value: withStatic, baseline: withoutStatic, ratio: withStatic / withoutStatic, unit: "KB", target: "value < 100 KB" },
    ];
  });
}
