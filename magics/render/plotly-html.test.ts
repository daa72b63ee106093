import { fixtureComparison, fixtureExperiment, fixtureMemory, fixtureTasks } from "../../test/support/result-fixtures";
import { PLOTLY_MIME, PlotlySessions, chartBundle, chartHtml, chartOutputs, plotlyLibraryBundle } from "./plotly-html";
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
  it("give each chart exactly the Plotly JSON, HTML that draws it, and the table", () => {
    const bundle = chartBundle(figure, "a  1");
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    expect(bundle[PLOTLY_MIME]).toBe(figure);
    expect(bundle["text/plain"]).toBe("a  1");
    expect(bundle["text/html"]).toMatch(/^<div id="conclab-chart-[\w-]+" class="conclab-chart"[^>]*><\/div><script type="text\/javascript">/);
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
    expect(urlsLoaded(chart)).toEqual([]);
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

  it("say in the chart what to do when plotly.js never arrives", () => {
    expect(chartHtml(figure)).toContain("reload the page (a new session gets plotly.js again), and run the cells again");
  });

  it("stay under 100 KB per chart for a comparison of 3 models with 1,000 tasks each", () => {
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
  });
});
