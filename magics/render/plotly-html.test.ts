import { fixtureComparison, fixtureExperiment, fixtureMemory, fixtureTasks } from "../../test/support/result-fixtures";
import { CHART_CLASSES, PLOTLY_MIME, PlotlySessions, STATIC_CHART_HINT, chartBundle, chartHtml, chartOutputs, plotlyLibraryBundle } from "./plotly-html";
import { resultCharts } from "./result-charts";

/** The markup outside script bodies, and the opening tags of scripts: what a browser would load from. */
function markupOutsideScripts(html: string): string {
  return html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1");
}

function urlsLoaded(html: string): string[] {
  return [...markupOutsideScripts(html).matchAll(/<[a-z]+\b[^>]*\b(?:src|href|data)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
}

const figure = { data: [{ type: "bar", x: ["a"], y: [1] }], layout: { title: { text: "</script><b>x</b>" } } };

describe("chart outputs", () => {
  it("give each chart exactly the Plotly JSON, HTML that draws it, its static SVG, and the table", () => {
    const bundle = chartBundle(figure, "a  1");
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, "image/svg+xml", "text/html", "text/plain"].sort());
    expect(bundle[PLOTLY_MIME]).toBe(figure);
    expect(bundle["text/plain"]).toBe("a  1");
    expect(bundle["image/svg+xml"]).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(bundle["text/html"]).toMatch(/^<div id="conclab-chart-[\w-]+" class="conclab-chart"><img class="conclab-chart-static" [^>]*><div class="conclab-chart-hint"[^>]*>[^<]*<\/div><\/div><script type="text\/javascript">/);
  });

  it("put the static SVG in the HTML as an <img> that sanitizers keep, the same SVG as the bundle's", () => {
    const bundle = chartBundle(figure, "a  1");
    const html = bundle["text/html"] as string;
    const src = html.match(/<img class="conclab-chart-static" alt="&lt;\/script&gt;&lt;b&gt;x&lt;\/b&gt;" style="max-width: 100%; height: auto" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)">/)?.[1];
    expect(src).toBeDefined();
    expect(Buffer.from(src!, "base64").toString()).toBe(bundle["image/svg+xml"]);
    expect(html).not.toMatch(/<svg/);
  });

  it("write the hint in the HTML, outside the script, and have the script replace image and hint when plotly.js draws", () => {
    const html = chartHtml(figure);
    const [markup, script] = html.split("<script");
    expect(markup).toContain(`<div class="${CHART_CLASSES.hint}" style="font-size: 12px; color: #666">${STATIC_CHART_HINT}</div>`);
    expect(STATIC_CHART_HINT).toMatch(/trust the notebook, or run the cell again/);
    expect(script).not.toContain("trust the notebook");
    expect(script).toContain('if (div && window.Plotly) { div.textContent = ""; window.Plotly.newPlot(div, figure); return; }');
  });

  it("give a figure the static renderer cannot draw the hint that it needs plotly.js, and no image", () => {
    const heatmap = { data: [{ type: "heatmap", z: [[1, 2]] }] };
    const bundle = chartBundle(heatmap, "heatmap");
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    expect(bundle["text/html"]).toMatch(/^<div id="[^"]+" class="conclab-chart"><div class="conclab-chart-hint"[^>]*>This chart needs plotly.js, which is not in this page: trust the notebook, or run the cell again/);
  });

  it("send plotly.js once per client session, before its first chart", () => {
    const sessions = new PlotlySessions();
    const first = chartOutputs([{ figure, text: "one" }, { figure, text: "two" }], "page-1", sessions);
    expect(first.map((b) => b["text/plain"])).toEqual([undefined, "one", "two"]);
    expect(Object.keys(first[0])).toEqual(["text/html"]);
    expect(first[0]["text/html"]).toContain("window.Plotly = Plotly");
    expect(chartOutputs([{ figure, text: "three" }], "page-1", sessions).map((b) => b["text/plain"])).toEqual(["three"]);
    // The page reloaded: a new session, which has not got the library.
    expect(chartOutputs([{ figure, text: "four" }], "page-2", sessions).map((b) => b["text/plain"])).toEqual([undefined, "four"]);
    expect(chartOutputs([], "page-3", new PlotlySessions())).toEqual([]);
  });

  it("load nothing over the network: no tag has a src or href, and the library is one inline script", () => {
    expect(urlsLoaded('<script src="https://cdn.plot.ly/plotly.js"></script><link href=http://x/a.css>')).toEqual(["https://cdn.plot.ly/plotly.js", "http://x/a.css"]);
    const library = plotlyLibraryBundle()["text/html"] as string;
    expect(library.length).toBeGreaterThan(1_000_000);
    expect(markupOutsideScripts(library)).toBe('<script type="text/javascript" class="conclab-plotly-library">');
    expect(urlsLoaded(library)).toEqual([]);
    const chart = chartHtml(figure);
    // The static image is a data: URL, which loads nothing.
    expect(urlsLoaded(chart).map((url) => url.slice(0, 26))).toEqual(["data:image/svg+xml;base64,"]);
    expect(chart.match(/<script\b/g)).toHaveLength(1);
  });

  it("wrap plotly.js so requirejs or CommonJS globals on the page cannot keep it from window.Plotly", () => {
    const library = plotlyLibraryBundle()["text/html"] as string;
    expect(library).toMatch(/^<script type="text\/javascript" class="conclab-plotly-library">\(function \(define, module, exports\) \{\n/);
    expect(library).toMatch(/\n\}\)\.call\(window\);<\/script>$/);
    expect(library.match(/<\/script/gi)).toHaveLength(1);
  });

  it("keep the figure's text from ending the script", () => {
    const html = chartHtml(figure);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html).toContain("\\u003c/script>\\u003cb>x\\u003c/b>");
  });

  it("stay under 100 KB per chart, static rendering included, for a comparison of 3 models with 1,000 tasks each", () => {
    const tasks = fixtureTasks(1000, [101, 102, 103, 104, 105, 106, 107, 108], [3, 500, 999]);
    // Times of a long run, so the numbers are as long as real ones.
    tasks.start = tasks.start.map((s, i) => s * 37.77 + i * 0.001);
    tasks.end = tasks.end.map((e, i) => e * 37.77 + i * 0.001);
    const failures = [3, 500, 999].map((index) => ({ index, name: "TimeoutError", message: "the task did not finish within --timeout 10 s", stack: "" }));
    const experiments = (["sync", "threads", "processes"] as const).map((model) => fixtureExperiment({ model, tasks, failures, memory: fixtureMemory(200, 12_345) }));
    const outputs = chartOutputs(resultCharts(fixtureComparison(experiments)), "page", new PlotlySessions()).slice(1);
    expect(outputs).toHaveLength(6);
    const sizes = outputs.map((bundle) => JSON.stringify(bundle).length);
    expect(Math.max(...sizes)).toBeLessThan(100_000);
    // The timelines are the large ones: they are near the limit only if the test measured what it meant to.
    expect(Math.max(...sizes)).toBeGreaterThan(20_000);

    // The static timeline's worst case: no two of the 1,000 bars touch, so none merge.
    const apart = fixtureTasks(1000, [1, 2, 3, 4, 5, 6, 7, 8], Array.from({ length: 500 }, (_, i) => i * 2));
    apart.start = apart.start.map((_, i) => Math.floor(i / 8) * 37.77 + i * 0.001);
    apart.end = apart.start.map((s) => s + 11.3);
    const apartFailures = apart.ok.flatMap((ok, index) => (ok ? [] : [{ index, name: "TimeoutError", message: "", stack: "" }]));
    const [timeline] = resultCharts(fixtureExperiment({ model: "threads", tasks: apart, failures: apartFailures }), ["timeline"]);
    expect(JSON.stringify(chartBundle(timeline.figure, timeline.text)).length).toBeLessThan(100_000);
  });
});
