/** What a magic cell shows: live progress that ends as a "done" line, then the table, then charts that draw offline. */
import { KernelClient } from "../client/kernel-client";
import { KernelChannels } from "../client/kernel-channels";
import { PLOTLY_LIBRARY_CLASS, PLOTLY_MIME } from "../common/plotly-js";
import { STATIC_CHART_HINT } from "../magics/render/plotly-html";
import { ofType, shownTable, startKernel } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const data = (m: { content: Record<string, unknown> }) => m.content.data as Record<string, unknown>;
const displayId = (m: { content: Record<string, unknown> }) => (m.content.transient as { display_id?: string } | undefined)?.display_id;

test("a long experiment shows progress, updates it, ends it as one line, and shows the table as a display of its own (for clients that ignore updates)", async () => {
  const result = await kernel.execute("%%async --tasks 4 --concurrency 1 --repeat 3\nawait task.sleep(150);");
  expect(result.reply.content.status).toBe("ok");
  const progress = ofType(result, "display_data").filter((m) => displayId(m)?.startsWith("conclab-progress"));
  expect(progress).toHaveLength(1);
  const id = displayId(progress[0]);
  expect(String(data(progress[0])["text/plain"])).toMatch(/^%%async · run \d of 3 · \d\/4 tasks · [\d.]+ s$/);
  const updates = ofType(result, "update_display_data").filter((m) => displayId(m) === id);
  expect(updates.length).toBeGreaterThan(1);
  const last = updates[updates.length - 1];
  expect(String(data(last)["text/plain"])).toMatch(/^%%async done in [\d.]+ s$/);
  const table = ofType(result, "display_data").filter((m) => displayId(m) === undefined);
  expect(String(data(table[0])["text/plain"])).toMatch(/^%%async --tasks 4 --concurrency 1 --repeat 3: median of 3 runs/);
  expect(result.iopub.indexOf(table[0])).toBeGreaterThan(result.iopub.indexOf(last));
  expect(shownTable(result)).toBe(data(table[0])["text/plain"]);
  expect(ofType(result, "execute_result")).toHaveLength(0);
}, 30_000);

test("every chart carries the Plotly JSON, HTML that draws it over its static image, the static SVG and a text table; plotly.js goes out once per client session", async () => {
  const first = await kernel.execute("%%threads --tasks 4 --workers 2 --repeat 1\ntask.spin(5);");
  const second = await kernel.execute("%%compare --tasks 4 --repeat 1\nawait task.sleep(5);");
  const outputs = [...ofType(first, "display_data"), ...ofType(second, "display_data")];
  const libraries = outputs.filter((m) => String(data(m)["text/html"] ?? "").includes(PLOTLY_LIBRARY_CLASS));
  // The kernel of this file may have drawn before this test; either way, at most one library in all.
  expect(libraries.length).toBeLessThanOrEqual(1);
  const charts = outputs.filter((m) => data(m)[PLOTLY_MIME] !== undefined);
  expect(charts.length).toBeGreaterThanOrEqual(2 + 4);
  for (const chart of charts) {
    expect(Object.keys(data(chart)).sort()).toEqual([PLOTLY_MIME, "image/svg+xml", "text/html", "text/plain"].sort());
    expect(String(data(chart)["text/plain"]).length).toBeGreaterThan(0);
    const html = String(data(chart)["text/html"]);
    expect(html).toContain("Plotly.newPlot");
    expect(html).toContain(`<img class="conclab-chart-static"`);
    expect(html).toContain(STATIC_CHART_HINT);
    // Nothing in the page is fetched: no src or href to any URL, no import, no fetch.
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/\bimport\s*\(|\bfetch\s*\(/);
  }
  const kinds = charts.map((m) => ((data(m)[PLOTLY_MIME] as { layout: { title: { text: string } } }).layout.title.text.split(/[ :]/)[0]));
  expect(kinds).toContain("Task");
  expect(kinds).toContain("Wall");
}, 60_000);

test("a second client session (a reloaded page) gets plotly.js before its first chart, though the first session had it", async () => {
  const isLibrary = (m: { content: Record<string, unknown> }) => String(data(m)["text/html"] ?? "").includes(PLOTLY_LIBRARY_CLASS);
  const isChart = (m: { content: Record<string, unknown> }) => data(m)[PLOTLY_MIME] !== undefined;
  const chartCell = "%%sync --tasks 2 --repeat 1\nawait task.sleep(1);";
  const firstSession = await kernel.execute(chartCell);
  expect(ofType(firstSession, "display_data").some(isChart)).toBe(true);
  expect(ofType(await kernel.execute(chartCell), "display_data").filter(isLibrary)).toHaveLength(0);
  const reloaded = await KernelChannels.connect(kernel.connection, { readyTimeoutMs: 10_000 });
  try {
    const shown = ofType(await reloaded.execute(chartCell), "display_data");
    const library = shown.findIndex(isLibrary);
    expect(library).toBeGreaterThanOrEqual(0);
    expect(library).toBeLessThan(shown.findIndex(isChart));
    expect(ofType(await reloaded.execute(chartCell), "display_data").filter(isLibrary)).toHaveLength(0);
  } finally {
    reloaded.close();
  }
}, 60_000);

test("plotly.js itself is inline and loads nothing from the network", async () => {
  const fresh = await startKernel();
  try {
    const result = await fresh.execute("%%sync --tasks 2 --repeat 1\nawait task.sleep(1);");
    const libraries = ofType(result, "display_data").filter((m) => String(data(m)["text/html"] ?? "").includes(PLOTLY_LIBRARY_CLASS));
    expect(libraries).toHaveLength(1);
    // Only HTML: jupyter console prints an output's text/plain.
    expect(Object.keys(data(libraries[0]))).toEqual(["text/html"]);
    const html = String(data(libraries[0])["text/html"]);
    expect(html.length).toBeGreaterThan(1_000_000);
    const tags = html.match(/<(script|link|img|iframe)\b[^>]*>/gi) ?? [];
    for (const tag of tags) expect(tag).not.toMatch(/\b(src|href)\s*=/i);
  } finally {
    await fresh.shutdown();
  }
}, 30_000);

test("--quiet shows the table alone, --json the raw result alone", async () => {
  const quiet = await kernel.execute("%%sync --tasks 2 --repeat 1 --quiet\nreturn 1;");
  expect(ofType(quiet, "display_data").filter((m) => data(m)[PLOTLY_MIME] !== undefined)).toHaveLength(0);
  expect(shownTable(quiet)).toMatch(/^%%sync --tasks 2 --repeat 1 --quiet: median of 1 run/);
  const json = await kernel.execute("%%sync --tasks 2 --repeat 1 --json\nreturn 1;");
  // The progress line is transient (a display_id of its own): a loaded machine makes the cell slow enough to show it.
  const shown = ofType(json, "display_data").filter((m) => !String((m.content as { transient?: { display_id?: string } }).transient?.display_id ?? "").startsWith("conclab-progress"));
  expect(shown).toHaveLength(1);
  expect(data(shown[0])["application/json"]).toMatchObject({ kind: "conclab.experiment", model: "sync" });
});

test("--plot picks the charts, and refuses a chart that does not fit before anything runs", async () => {
  const picked = await kernel.execute("%%compare --tasks 2 --repeat 1 --plot bars\nreturn 1;");
  const charts = ofType(picked, "display_data").filter((m) => data(m)[PLOTLY_MIME] !== undefined);
  expect(charts).toHaveLength(1);
  const refused = await kernel.execute("%%sync --plot sweep\nthrow new Error('ran')", { stopOnError: false });
  expect(refused.reply.content).toMatchObject({ status: "error", ename: "UsageError" });
  expect(refused.reply.content.evalue).toMatch(/--plot sweep needs --sweep NAME=v1,v2/);
  const unknown = await kernel.execute("%%sync --plot bars,pie\nreturn 1", { stopOnError: false });
  expect(unknown.reply.content.evalue).toMatch(/--plot expects PLOTS, one or more of bars, timeline, memory, loop-delay, sweep/);
});
