import { fixtureExperiment, fixtureMemory, fixtureSpread, fixtureTasks } from "../../test/support/result-fixtures";
import { niceStep, tickLabel } from "./axis-scale";
import { barsFigure } from "./bars-figure";
import { loopDelayFigure } from "./loop-delay-figure";
import { memoryFigure } from "./memory-figure";
import { staticChartSvg } from "./static-chart";
import { sweepFigure } from "./sweep-figure";
import { timelineFigure } from "./timeline-figure";

/** The text of every <text> element, in document order, entities left as written. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

/** The paths drawn in `colour` (bars and lines), as [d, stroke-width]. */
function strokes(svg: string, colour: string): [string, string][] {
  return [...svg.matchAll(/<path d="([^"]*)" stroke="([^"]*)"(?: stroke-width="([^"]*)")?/g)].filter((m) => m[2] === colour).map((m) => [m[1], m[3] ?? "1"]);
}

/** Subpaths ("M…") of the paths in `colour`: one per bar, or per run of touching bars. */
function segments(svg: string, colour: string): string[] {
  return strokes(svg, colour).flatMap(([d]) => d.split(/(?=M)/));
}

function drawn(figure: Parameters<typeof staticChartSvg>[0]): string {
  const svg = staticChartSvg(figure);
  if (svg === undefined) throw new Error("the static renderer drew nothing for a conclab chart");
  return svg;
}

const OK = "#4c78a8";
const FAILED = "#e45756";
const ERROR_BARS = "#444";

describe("staticChartSvg", () => {
  it("draws a bar chart exactly: title, ticks, category labels, bars at their values, error bars to min and max", () => {
    const svg = drawn({
      data: [{ type: "bar", x: ["a", "b"], y: [1, 2], marker: { color: "#123456" }, error_y: { array: [0.5, 0.5], arrayminus: [0.5, 1] } }],
      layout: { title: { text: "T" }, showlegend: false, yaxis: { title: { text: "ms" } } },
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="900" height="450" viewBox="0 0 900 450"/);
    expect(texts(svg)).toEqual(["T", "0", "0.5", "1", "1.5", "2", "2.5", "a", "b", "ms"]);
    // From the y of 0 (400) up to 1 and 2, as wide as 80% of each category's band.
    expect(strokes(svg, "#123456")).toEqual([["M275.5 265.1v134.9M678.5 130.3v269.7", "322.4"]]);
    expect(strokes(svg, ERROR_BARS).find(([d]) => d.includes("h8"))?.[0]).toBe("M275.5 332.6V197.7M271.5 197.7h8M271.5 332.6h8M678.5 265.1V62.9M674.5 62.9h8M674.5 265.1h8");
  });

  it("draws the bars chart: a subplot per measure with its axis title, a bar per model in its colour, error bars, no legend", () => {
    const MIB = 1024 * 1024;
    const results = [
      fixtureExperiment({ model: "sync", summary: { wallMs: fixtureSpread(400, 380, 450) } }),
      fixtureExperiment({ model: "threads", summary: { wallMs: fixtureSpread(120, 110, 160), peakRssAboveBaselineBytes: fixtureSpread(20 * MIB, 18 * MIB, 25 * MIB) } }),
    ];
    const svg = drawn(barsFigure(results));
    const words = texts(svg);
    expect(words[0]).toBe("Wall time, CPU time and peak memory per model: median of 5 runs, bars span min–max");
    for (const title of ["wall time (ms)", "CPU time, user+sys (ms)", "peak RSS above baseline (MiB)"]) expect(words).toContain(title);
    expect(words.filter((w) => w === "sync")).toHaveLength(3);
    expect(words.filter((w) => w === "threads")).toHaveLength(3);
    expect(words).toEqual(expect.arrayContaining(["0", "100", "200", "300", "400"]));
    // Three subplots, a bar each for sync (blue) and threads (green), each with its error bar.
    expect(segments(svg, "#4c78a8")).toHaveLength(3);
    expect(segments(svg, "#54a24b")).toHaveLength(3);
    expect(strokes(svg, ERROR_BARS).filter(([d]) => d.includes("h8")).flatMap(([d]) => d.match(/V/g) ?? [])).toHaveLength(6);
    expect(svg).not.toContain("<rect x=");
  });

  it("draws a timeline: a lane per thread with its label, bars from start to end, failures apart and in the legend", () => {
    const failures = [{ index: 1, name: "RangeError", message: "too far", stack: "" }];
    const tasks = fixtureTasks(4, [0, 7], [1]);
    // Gaps between tasks wider than a pixel, so each bar stays a bar of its own.
    tasks.start = [0, 0, 60, 60];
    tasks.end = [40, 40, 100, 100];
    const svg = drawn(timelineFigure(fixtureExperiment({ model: "threads", tasks, failures })));
    const words = texts(svg);
    expect(words[0]).toBe("Task timeline of threads, run 5 of 5");
    expect(words).toEqual(expect.arrayContaining(["main thread", "thread 7", "0", "20", "40", "60", "80", "100", "ms from the run&#39;s start", "ok", "failed: RangeError"]));
    // Lane 0 (main thread) above lane 7, as Plotly's reversed axis has them.
    const laneY = (label: string) => Number(svg.match(new RegExp(`<text x="[^"]*" y="([^"]*)"[^>]*>${label}</text>`))?.[1]);
    expect(laneY("main thread")).toBeLessThan(laneY("thread 7"));
    const ok = segments(svg, OK);
    expect(ok).toHaveLength(3);
    expect(segments(svg, FAILED)).toHaveLength(1);
    // Each bar runs along x (h) on its lane's y, as long as the task ran: 40 ms and 40 ms at the same scale.
    const lengths = ok.map((d) => Number(d.match(/h([\d.]+)/)?.[1]));
    expect(lengths[0]).toBeCloseTo(lengths[1], 0);
    expect(svg).toContain('fill="#4c78a8"/><text');
  });

  it("merges bars that touch on a lane into one stroke and keeps a 1,000-task timeline small", () => {
    const touching = drawn(timelineFigure(fixtureExperiment({ model: "threads", tasks: fixtureTasks(1000, [1, 2, 3, 4]) })));
    expect(segments(touching, OK)).toHaveLength(4);
    // The worst case: 1,000 tasks each apart from the next on 8 lanes, half failed.
    const tasks = fixtureTasks(1000, [1, 2, 3, 4, 5, 6, 7, 8], Array.from({ length: 500 }, (_, i) => i * 2));
    tasks.start = tasks.start.map((_, i) => Math.floor(i / 8) * 10);
    tasks.end = tasks.start.map((s) => s + 3);
    const failures = tasks.ok.flatMap((ok, index) => (ok ? [] : [{ index, name: "TimeoutError", message: "", stack: "" }]));
    const apart = drawn(timelineFigure(fixtureExperiment({ model: "threads", tasks, failures })));
    expect(segments(apart, OK).length + segments(apart, FAILED).length).toBe(1000);
    expect(apart.length).toBeLessThan(25_000);
  });

  it("draws memory over time as a step line per experiment, with a legend naming each", () => {
    const experiments = [fixtureExperiment({ model: "sync", memory: fixtureMemory(3) }), fixtureExperiment({ model: "threads", memory: fixtureMemory(3, 2 * 1024 * 1024) })];
    const svg = drawn(memoryFigure(experiments));
    const words = texts(svg);
    expect(words).toEqual(expect.arrayContaining(["RSS above baseline (MiB)", "ms from the run&#39;s start", "sync", "threads"]));
    const [[sync]] = strokes(svg, OK);
    expect(sync).toMatch(/^M[\d.]+ [\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+$/);
    expect(strokes(svg, "#54a24b")).toHaveLength(1);
    // The legend's swatches, one per experiment.
    expect(svg.match(/<rect x="[^"]*" y="[^"]*" width="12" height="12"/g)).toHaveLength(2);
  });

  it("draws the loop delay as p99 and max bars side by side per model, with error bars and a legend", () => {
    const svg = drawn(loopDelayFigure([fixtureExperiment({ model: "sync" }), fixtureExperiment({ model: "async" })]));
    expect(texts(svg)).toEqual(expect.arrayContaining(["event-loop delay (ms)", "sync", "async", "p99", "max"]));
    const p99 = segments(svg, OK);
    const max = segments(svg, FAILED);
    expect([p99.length, max.length]).toEqual([2, 2]);
    // Grouped: max's bar stands to the right of p99's in each model's band.
    const x = (d: string) => Number(d.match(/^M([\d.]+)/)?.[1]);
    expect(x(max[0])).toBeGreaterThan(x(p99[0]));
    expect(x(p99[1])).toBeGreaterThan(x(max[0]));
  });

  it("draws a sweep on log axes with powers of ten, a line and markers per model, error bars, and a legend", () => {
    const points = [1, 10, 100, 1000].flatMap((value) => ["sync", "threads"].map((model) => ({ model, value, wallMs: fixtureSpread(value * 2, value, value * 3) })));
    const svg = drawn(sweepFigure(points, "tasks"));
    const words = texts(svg);
    expect(words).toEqual(expect.arrayContaining(["tasks", "wall time (ms)", "1", "10", "100", "1000", "sync", "threads"]));
    expect(svg.match(/<circle /g)).toHaveLength(8);
    const [[line]] = strokes(svg, OK);
    expect(line.match(/L/g)).toHaveLength(3);
    expect(strokes(svg, OK).some(([d]) => d.includes("h8"))).toBe(true);
  });

  it("escapes text for XML: titles, labels, legend names", () => {
    const svg = drawn({
      data: [
        { type: "bar", name: '<x>&"it\'s"', x: ["<script>"], y: [1] },
        { type: "bar", name: "second", x: ["<script>"], y: [2] },
      ],
      layout: { title: { text: "a < b & c <br> on <b>two</b> lines" } },
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(["a &lt; b &amp; c   on two lines", "&lt;script&gt;", "&lt;x&gt;&amp;&quot;it&#39;s&quot;"]));
    for (const text of texts(svg)) expect(text).toMatch(/^(?:[^<>&"]|&(?:amp|lt|gt|quot|#39);)*$/);
  });

  it("draws nothing for a figure with traces it does not know, such as a heatmap", () => {
    expect(staticChartSvg({ data: [{ type: "heatmap", z: [[1]] }] })).toBeUndefined();
    expect(staticChartSvg({ data: [{ y: [1, 2] }] })).toMatch(/<path d="M/);
  });
});

describe("axis ticks", () => {
  it("are 1, 2 or 5 times a power of ten, the nearest to five parts, labelled as Plotly does", () => {
    expect([niceStep(10), niceStep(105), niceStep(10_500), niceStep(0.03)]).toEqual([2, 20, 2000, 0.005]);
    expect([tickLabel(0.25, 0.05), tickLabel(1500, 500), tickLabel(20_000, 5000), tickLabel(2_500_000, 500_000), tickLabel(3, 1)]).toEqual(["0.25", "1500", "20k", "2.5M", "3"]);
  });
});
