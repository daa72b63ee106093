/**
 * Live progress of a long experiment in the cell's output: nothing for an experiment that ends
 * quickly; past that, one display_data that is updated in place and, at the end, reduced to one
 * line ("done in 3.2 s"). The result is a display of its own, after it: a client that ignores
 * update_display_data (jupyter console) then still shows the result.
 */
import { randomUUID } from "node:crypto";
import { escapeHtml } from "../../common/html-escape";
import type { MagicContext } from "../framework/magic-context";
import type { MimeBundle } from "../../common/mime-bundle";

/** What a progress display shows of a task magic while it runs. */
export interface ExperimentProgress {
  /** What is running, e.g. "%%threads" or "%%compare: threads". */
  label: string;
  /** 1-based: the warm-up run k of K when `warmup`, else the measured run r of R. */
  run: number;
  runs: number;
  warmup: boolean;
  tasksDone: number;
  tasks: number;
  /** Since the cell's experiments started (a sweep or %%compare counts from its first one). */
  elapsedMs: number;
  /** Under --sweep: which point is running. */
  point?: { index: number; of: number; value: number; parameter: string };
}

export type OnProgress = (progress: ExperimentProgress) => void;

/** An experiment that ends before this shows no progress at all. */
export const SHOW_AFTER_MS = 500;
/** Updates closer together than this are merged: each one is a message to every front end. */
export const UPDATE_EVERY_MS = 250;

export interface ProgressClock {
  now(): number;
  /** Calls `run` once after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
}

const realClock: ProgressClock = {
  now: () => performance.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** "%%threads · run 2 of 5 · 340/1000 tasks · 3.2 s" */
export function progressText(p: ExperimentProgress): string {
  return [
    p.label,
    ...(p.point ? [`${p.point.parameter}=${p.point.value} (point ${p.point.index + 1} of ${p.point.of})`] : []),
    `${p.warmup ? "warm-up" : "run"} ${p.run} of ${p.runs}`,
    `${p.tasksDone}/${p.tasks} tasks`,
    `${(p.elapsedMs / 1000).toFixed(1)} s`,
  ].join(" · ");
}

/** The progress display's line: `text`, after a bar `percent` full when there is one. */
function progressLine(text: string, percent?: number): MimeBundle {
  const bar =
    percent === undefined
      ? ""
      : `<div style="display: inline-block; vertical-align: middle; width: 160px; height: 8px; background: #ddd; margin-right: 8px">` +
        `<div style="width: ${percent}%; height: 100%; background: #4c78a8"></div></div>`;
  return { "text/plain": text, "text/html": `<div class="conclab-progress" style="font-family: monospace; font-size: 12px">${bar}${escapeHtml(text)}</div>` };
}

export function progressBundle(p: ExperimentProgress): MimeBundle {
  return progressLine(progressText(p), p.tasks > 0 ? Math.round((100 * p.tasksDone) / p.tasks) : 0);
}

export class LiveProgress {
  private readonly startedAt: number;
  private readonly displayId = `conclab-progress-${randomUUID()}`;
  private latest: ExperimentProgress | undefined;
  private shown = false;
  private finished = false;
  private lastShownAt = -Infinity;
  private cancelPending: (() => void) | undefined;

  constructor(
    private readonly display: MagicContext["display"],
    private readonly clock: ProgressClock = realClock,
  ) {
    this.startedAt = clock.now();
  }

  /** Takes the latest progress; shows it when it is time (past SHOW_AFTER_MS, at most every UPDATE_EVERY_MS). */
  update(progress: ExperimentProgress): void {
    if (this.finished) return;
    this.latest = progress;
    if (this.cancelPending) return;
    const dueAt = this.shown ? this.lastShownAt + UPDATE_EVERY_MS : this.startedAt + SHOW_AFTER_MS;
    const wait = dueAt - this.clock.now();
    if (wait <= 0) this.show();
    else this.cancelPending = this.clock.after(wait, () => this.show());
  }

  /** No more progress: what was shown becomes the line `${label} ${outcome} in 3.2 s` (nothing when no progress was shown). */
  finish(label: string, outcome: string): void {
    this.finished = true;
    this.cancelPending?.();
    this.cancelPending = undefined;
    if (!this.shown) return;
    this.display(progressLine(`${label} ${outcome} in ${((this.clock.now() - this.startedAt) / 1000).toFixed(1)} s`), { displayId: this.displayId, update: true });
  }

  private show(): void {
    this.cancelPending = undefined;
    if (this.finished || !this.latest) return;
    this.display(progressBundle(this.latest), { displayId: this.displayId, update: this.shown });
    this.shown = true;
    this.lastShownAt = this.clock.now();
  }
}
