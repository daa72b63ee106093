/**
 * A static SVG of a Plotly figure, drawn by the kernel without a browser: what a chart shows where
 * plotly.js cannot run (an untrusted notebook, GitHub's preview, nbconvert without JavaScript, PDF).
 * It draws the part of Plotly's figure format that conclab's charts use — bar traces (vertical, or
 * horizontal from a base, grouped or overlaid, with error bars), scatter traces (lines, markers,
 * step lines, error bars), category, linear and log axes with their titles and named ticks,
 * subplots side by side, the title and the legend — from the same figure that goes to Plotly.
 */
import { escapeHtml } from "../../common/html-escape";
import { linearScale, logScale, type AxisScale } from "./axis-scale";

const STATIC_WIDTH = 900;
/** Plotly's default height, so the page does not jump when plotly.js replaces the image. */
const STATIC_HEIGHT = 450;

/** Plotly's default colours, for traces that name none. */
const COLOURWAY = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff", "#fecb52"];
const TEXT_COLOUR = "#444";
const GRID_COLOUR = "#e5e5e5";
const FONT = "font-family=\"'Open Sans', verdana, arial, sans-serif\"";
/** A rough width of a character of 12 px text, to lay out labels without measuring them. */
const CHAR_PX = 6.6;
const BAR_WIDTH = 0.8;
const TOP = 46;
const RIGHT = 20;
const BOTTOM = 50;

/** A trace as the figure holds it: the attributes this renderer reads, all optional. */
interface TraceIn {
  type?: string;
  name?: string;
  orientation?: string;
  mode?: string;
  x?: unknown[];
  y?: unknown[];
  base?: number[];
  width?: number;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  marker?: { color?: string | string[] };
  line?: { color?: string; shape?: string };
  error_y?: { array?: number[]; arrayminus?: number[] };
}

interface AxisIn {
  type?: string;
  domain?: [number, number];
  title?: { text?: string } | string;
  rangemode?: string;
  autorange?: boolean | string;
  tickmode?: string;
  tickvals?: number[];
  ticktext?: string[];
}

/** One axis as drawn: where its values land, its ticks, and whether it carries bars across (a position axis). */
interface Axis {
  scale: AxisScale;
  /** Pixels of one unit of the axis: one category, one lane. */
  unitPx: number;
  /** Category names, in the order they first appear, for a category axis. */
  categories?: string[];
}

/** A point's position on an axis as a number: a category's index, or the value itself. */
function positionOf(value: unknown, categories: string[] | undefined): number {
  return categories ? categories.indexOf(String(value)) : Number(value);
}

/** One decimal, without a trailing ".0": pixel coordinates as short as they can be. */
function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Plotly's text markup (<br>, <b>, <i>, <sup>…) read as plain text, then escaped for XML. */
function plainText(text: string): string {
  return escapeHtml(text.replace(/<br\s*\/?>/gi, " ").replace(/<\/?(?:b|i|em|sup|sub|span|a)\b[^>]*>/gi, ""));
}

function titleOf(title: unknown): string {
  if (typeof title === "string") return title;
  return typeof (title as { text?: unknown } | undefined)?.text === "string" ? (title as { text: string }).text : "";
}

function textElement(x: number, y: number, text: string, attributes = ""): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ` ${attributes}` : ""}>${plainText(text)}</text>`;
}

/** The first `count` values as numbers (NaN for a gap), or the indexes where there are no values. */
function numbers(values: readonly unknown[] | undefined, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (values ? Number(values[i]) : i));
}

function traceColour(trace: TraceIn, index: number): string {
  const marker = trace.marker?.color;
  return trace.line?.color ?? (typeof marker === "string" ? marker : COLOURWAY[index % COLOURWAY.length]);
}

/** The bar and point coordinates of a trace along its two axes: positions across, values along. */
interface TraceGeometry {
  trace: TraceIn;
  index: number;
  horizontal: boolean;
  /** Along the category/position axis (x of a vertical bar or a scatter point). */
  positions: unknown[];
  /** [from, to] along the value axis for bars; [value, value] for points. */
  spans: [number, number][];
  errors?: { plus: number[]; minus: number[] };
}

function geometryOf(trace: TraceIn, index: number): TraceGeometry {
  const horizontal = trace.type === "bar" && trace.orientation === "h";
  const across = horizontal ? trace.y : trace.x;
  const along = horizontal ? trace.x : trace.y;
  const count = Math.max(across?.length ?? 0, along?.length ?? 0);
  const positions = across ?? Array.from({ length: count }, (_, i) => i);
  const values = numbers(along, count);
  const spans = values.map((value, i): [number, number] => {
    if (trace.type !== "bar") return [value, value];
    const base = trace.base?.[i] ?? 0;
    return [base, base + value];
  });
  const errors = trace.error_y?.array ? { plus: trace.error_y.array, minus: trace.error_y.arrayminus ?? trace.error_y.array } : undefined;
  return { trace, index, horizontal, positions, spans, errors };
}

function axisKey(ref: string | undefined, letter: "x" | "y"): string {
  const suffix = (ref ?? letter).slice(1);
  return `${letter}axis${suffix}`;
}

/** The axis `key` of the layout, its range taken from what its traces put on it. */
function buildAxis(layout: Record<string, unknown>, key: string, onIt: { positions: unknown[]; values: number[]; bars: boolean }, from: number, to: number): Axis {
  const spec = (layout[key] ?? {}) as AxisIn;
  const [start, end] = spec.autorange === "reversed" ? [to, from] : [from, to];
  const isCategory = spec.type === "category" || (spec.type === undefined && onIt.positions.some((p) => typeof p === "string"));
  if (isCategory) {
    const categories = [...new Set(onIt.positions.map(String))];
    const scale = linearScale(-0.5, categories.length - 0.5, start, end);
    scale.ticks = categories.map((name, i) => ({ value: i, label: name }));
    return { scale, unitPx: Math.abs(scale.at(1) - scale.at(0)), categories };
  }
  const values = [...onIt.values, ...onIt.positions.map(Number)].filter(Number.isFinite);
  if (spec.type === "log") {
    const positive = values.filter((v) => v > 0);
    if (positive.length === 0) return { scale: logScale(1, 10, start, end), unitPx: 0 };
    const [low, high] = [Math.min(...positive), Math.max(...positive)];
    const pad = 10 ** ((Math.log10(high / low) || 1) * 0.05);
    return { scale: logScale(low / pad, high * pad, start, end), unitPx: 0 };
  }
  let [low, high] = values.length > 0 ? [Math.min(...values), Math.max(...values)] : [0, 1];
  if (onIt.bars && onIt.values.length === 0) {
    // A position axis of bars (a timeline's lanes): half a lane beyond the first and the last.
    low -= 0.5;
    high += 0.5;
  } else {
    // Bars, and an axis asked to, start at zero; the other ends get a margin as Plotly gives them.
    const fromZero = onIt.bars || spec.rangemode === "tozero";
    if (fromZero) low = Math.min(low, 0);
    const pad = (high - low || Math.abs(high) || 1) * 0.05;
    high += pad;
    if (!(fromZero && low === 0)) low -= pad;
  }
  const scale = linearScale(low, high, start, end);
  if (spec.tickmode === "array" && spec.tickvals) {
    const text = spec.ticktext ?? spec.tickvals.map(String);
    scale.ticks = spec.tickvals.map((value, i) => ({ value, label: text[i] ?? String(value) }));
  }
  return { scale, unitPx: Math.abs(scale.at(1) - scale.at(0)) };
}

/** Bars as thick strokes of one path per colour, segments that touch on the same line merged: 1,000 tasks stay a few KB. */
class BarStrokes {
  private readonly byColour = new Map<string, Map<string, [number, number][]>>();

  add(colour: string, line: number, from: number, to: number): void {
    const lines = this.byColour.get(colour) ?? new Map<string, [number, number][]>();
    this.byColour.set(colour, lines);
    const key = px(line);
    const segments = lines.get(key) ?? [];
    lines.set(key, segments);
    segments.push(from <= to ? [from, to] : [to, from]);
  }

  /** `horizontal`: the bars run along x, each line is a y. */
  svg(horizontal: boolean, thickness: number): string {
    return [...this.byColour].map(([colour, lines]) => {
      let d = "";
      for (const [line, segments] of lines) {
        segments.sort((a, b) => a[0] - b[0]);
        let [from, to] = segments[0];
        const flush = () => {
          // A bar thinner than a pixel still shows, as Plotly draws it.
          const length = Math.max(to - from, 1);
          d += horizontal ? `M${px(from)} ${line}h${px(length)}` : `M${line} ${px(from)}v${px(length)}`;
        };
        for (const [start, end] of segments.slice(1)) {
          if (start <= to + 0.5) to = Math.max(to, end);
          else {
            flush();
            [from, to] = [start, end];
          }
        }
        flush();
      }
      return `<path d="${d}" stroke="${escapeHtml(colour)}" stroke-width="${px(thickness)}" fill="none"/>`;
    }).join("");
  }
}

/** The pixel box of a subplot. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function axisTitle(layout: Record<string, unknown>, key: string): string {
  return titleOf((layout[key] as AxisIn | undefined)?.title);
}

/** Tick labels and grid lines of the value axis, the tick labels of the other, and both titles. */
function drawAxes(box: Box, x: Axis, y: Axis, xTitle: string, yTitle: string): string {
  let out = "";
  for (const tick of y.scale.ticks) {
    const at = y.scale.at(tick.value);
    if (at < box.top - 0.5 || at > box.bottom + 0.5) continue;
    if (!y.categories) out += `<path d="M${px(box.left)} ${px(at)}H${px(box.right)}" stroke="${GRID_COLOUR}"/>`;
    out += textElement(box.left - 6, at + 4, tick.label, 'text-anchor="end"');
  }
  const band = x.unitPx;
  const longest = Math.max(0, ...x.scale.ticks.map((t) => t.label.length));
  const slanted = x.categories !== undefined && longest * CHAR_PX > band;
  for (const tick of x.scale.ticks) {
    const at = x.scale.at(tick.value);
    if (at < box.left - 0.5 || at > box.right + 0.5) continue;
    if (!x.categories) out += `<path d="M${px(at)} ${px(box.top)}V${px(box.bottom)}" stroke="${GRID_COLOUR}"/>`;
    const label = slanted && tick.label.length > 28 ? `${tick.label.slice(0, 27)}…` : tick.label;
    out += slanted ? textElement(at, box.bottom + 14, label, `text-anchor="end" transform="rotate(-20 ${px(at)} ${px(box.bottom + 14)})"`) : textElement(at, box.bottom + 16, label, 'text-anchor="middle"');
  }
  out += `<path d="M${px(box.left)} ${px(box.top)}V${px(box.bottom)}H${px(box.right)}" stroke="${TEXT_COLOUR}" fill="none"/>`;
  if (xTitle && !slanted) out += textElement((box.left + box.right) / 2, box.bottom + 36, xTitle, 'text-anchor="middle" font-size="13"');
  if (yTitle) {
    const tickWidth = Math.max(0, ...y.scale.ticks.map((t) => t.label.length)) * CHAR_PX;
    const at = box.left - tickWidth - 16;
    out += textElement(at, (box.top + box.bottom) / 2, yTitle, `text-anchor="middle" font-size="13" transform="rotate(-90 ${px(at)} ${px((box.top + box.bottom) / 2)})"`);
  }
  return out;
}

function drawErrorBars(geometry: TraceGeometry, x: Axis, y: Axis, offset: number, colour: string): string {
  if (!geometry.errors || geometry.horizontal) return "";
  let d = "";
  geometry.spans.forEach(([, value], i) => {
    const plus = geometry.errors!.plus[i] ?? 0;
    const minus = geometry.errors!.minus[i] ?? 0;
    const at = x.scale.at(positionOf(geometry.positions[i], x.categories)) + offset;
    const high = y.scale.at(value + plus);
    const low = y.scale.at(value - minus);
    if (![at, high, low].every(Number.isFinite)) return;
    d += `M${px(at)} ${px(low)}V${px(high)}M${px(at - 4)} ${px(high)}h8M${px(at - 4)} ${px(low)}h8`;
  });
  return d ? `<path d="${d}" stroke="${escapeHtml(colour)}" stroke-width="1.5" fill="none"/>` : "";
}

function drawScatter(geometry: TraceGeometry, x: Axis, y: Axis, colour: string): string {
  const points = geometry.spans
    .map(([value], i) => [x.scale.at(positionOf(geometry.positions[i], x.categories)), y.scale.at(value)])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const mode = geometry.trace.mode ?? (points.length < 20 ? "lines+markers" : "lines");
  let out = "";
  if (mode.includes("lines") && points.length > 0) {
    const step = geometry.trace.line?.shape === "hv";
    const d = points.map(([a, b], i) => (i === 0 ? `M${px(a)} ${px(b)}` : step ? `H${px(a)}V${px(b)}` : `L${px(a)} ${px(b)}`)).join("");
    out += `<path d="${d}" stroke="${escapeHtml(colour)}" stroke-width="2" fill="none"/>`;
  }
  if (mode.includes("markers")) {
    out += points.map(([a, b]) => `<circle cx="${px(a)}" cy="${px(b)}" r="3.5" fill="${escapeHtml(colour)}"/>`).join("");
  }
  return out;
}

function legendEntries(traces: readonly TraceIn[], layout: Record<string, unknown>): { name: string; colour: string }[] {
  const shown = layout.showlegend ?? traces.length > 1;
  if (shown !== true) return [];
  return traces.flatMap((trace, i) => (trace.showlegend === false ? [] : [{ name: trace.name ?? `trace ${i}`, colour: traceColour(trace, i) }]));
}

function drawLegend(entries: readonly { name: string; colour: string }[], left: number): string {
  return entries
    .map((entry, i) => {
      const y = TOP + 10 + i * 20;
      return `<rect x="${px(left)}" y="${px(y - 9)}" width="12" height="12" fill="${escapeHtml(entry.colour)}"/>` + textElement(left + 18, y + 1, entry.name);
    })
    .join("");
}

/** Whether every trace is one this renderer draws: bars and scatter lines or points. */
function canDrawStatic(figure: { data: unknown[] }): boolean {
  return figure.data.every((trace) => {
    const type = (trace as TraceIn | null)?.type;
    return trace !== null && typeof trace === "object" && (type === undefined || type === "bar" || type === "scatter");
  });
}

/** The figure as an SVG document, or undefined when it has traces other than bar and scatter. */
export function staticChartSvg(figure: { data: unknown[]; layout?: unknown }): string | undefined {
  if (!canDrawStatic(figure)) return undefined;
  const traces = figure.data as TraceIn[];
  const layout = (figure.layout ?? {}) as Record<string, unknown>;
  const legend = legendEntries(traces, layout);
  const legendWidth = legend.length > 0 ? Math.min(260, Math.max(...legend.map((e) => e.name.length)) * CHAR_PX + 40) : 0;
  const geometries = traces.map(geometryOf);

  // Subplots: one per pair of axes, in the order the traces name them.
  const pairs = [...new Set(geometries.map((g) => `${axisKey(g.trace.xaxis, "x")} ${axisKey(g.trace.yaxis, "y")}`))].map((pair) => pair.split(" ") as [string, string]);
  const firstY = (layout[pairs[0]?.[1] ?? "yaxis"] ?? {}) as AxisIn;
  const firstYLabels = firstY.tickmode === "array" ? (firstY.ticktext ?? []) : [];
  const left = Math.max(60, Math.max(0, ...firstYLabels.map((t) => t.length)) * CHAR_PX + 14) + (titleOf(firstY.title) ? 14 : 0);
  const plotRight = STATIC_WIDTH - RIGHT - legendWidth;
  const slantRoom = geometries.some((g) => g.positions.some((p) => typeof p === "string" && p.length > 12)) ? 40 : 0;
  const bottom = STATIC_HEIGHT - BOTTOM - slantRoom;

  let body = "";
  for (const [xKey, yKey] of pairs) {
    const onPair = geometries.filter((g) => axisKey(g.trace.xaxis, "x") === xKey && axisKey(g.trace.yaxis, "y") === yKey);
    const [d0, d1] = (layout[xKey] as AxisIn | undefined)?.domain ?? [0, 1];
    const box: Box = { left: left + d0 * (plotRight - left), right: left + d1 * (plotRight - left), top: TOP, bottom };
    const bars = onPair.some((g) => g.trace.type === "bar");
    const horizontal = onPair.some((g) => g.horizontal);
    const alongValues = onPair.flatMap((g) => g.spans.flatMap(([a, b], i) => [a, b, b + (g.errors?.plus[i] ?? 0), b - (g.errors?.minus[i] ?? 0)]));
    const acrossPositions = onPair.flatMap((g) => g.positions);
    const valueAxis = { positions: [], values: alongValues, bars };
    const positionAxis = { positions: acrossPositions, values: [], bars };
    const x = buildAxis(layout, xKey, horizontal ? valueAxis : positionAxis, box.left, box.right);
    const y = buildAxis(layout, yKey, horizontal ? positionAxis : valueAxis, box.bottom, box.top);
    const across = horizontal ? y : x;
    const along = horizontal ? x : y;
    body += drawAxes(box, x, y, axisTitle(layout, xKey), axisTitle(layout, yKey));

    const barTraces = onPair.filter((g) => g.trace.type === "bar");
    const grouped = layout.barmode === "group" && barTraces.length > 1;
    for (const geometry of onPair) {
      const colour = traceColour(geometry.trace, geometry.index);
      if (geometry.trace.type !== "bar") {
        body += drawScatter(geometry, x, y, colour) + drawErrorBars(geometry, x, y, 0, colour);
        continue;
      }
      const width = (geometry.trace.width ?? BAR_WIDTH) * (across.unitPx || 1);
      const slot = grouped ? width / barTraces.length : width;
      const offset = grouped ? (barTraces.indexOf(geometry) - (barTraces.length - 1) / 2) * slot : 0;
      const colours = geometry.trace.marker?.color;
      const strokes = new BarStrokes();
      geometry.spans.forEach(([from, to], i) => {
        const line = across.scale.at(positionOf(geometry.positions[i], across.categories)) + offset;
        const [a, b] = [along.scale.at(from), along.scale.at(to)];
        if (![line, a, b].every(Number.isFinite)) return;
        strokes.add(Array.isArray(colours) ? (colours[i] ?? colour) : colour, line, a, b);
      });
      // Plotly's error bars on bars are dark grey whatever the bar's colour.
      body += strokes.svg(geometry.horizontal, slot) + drawErrorBars(geometry, x, y, offset, TEXT_COLOUR);
    }
  }
  const title = titleOf(layout.title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${STATIC_WIDTH}" height="${STATIC_HEIGHT}" viewBox="0 0 ${STATIC_WIDTH} ${STATIC_HEIGHT}" ${FONT} font-size="12" fill="${TEXT_COLOUR}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    (title ? textElement(STATIC_WIDTH / 2, 26, title, 'text-anchor="middle" font-size="16"') : "") +
    body +
    drawLegend(legend, plotRight + 16) +
    `</svg>`
  );
}
