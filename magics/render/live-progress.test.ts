import type { ExperimentProgress } from "./live-progress";
import { LiveProgress, ProgressClock, progressText } from "./live-progress";

/** A clock that moves only when told, running the timers that come due. */
class FakeClock implements ProgressClock {
  private time = 0;
  private timers: { at: number; run: () => void }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer);
      timer.run();
    }
  }

  get pending(): number {
    return this.timers.length;
  }
}

const progress = (tasksDone: number, extra: Partial<ExperimentProgress> = {}): ExperimentProgress => ({
  label: "%%threads",
  run: 2,
  runs: 5,
  warmup: false,
  tasksDone,
  tasks: 1000,
  elapsedMs: 3210,
  ...extra,
});

function setup() {
  const clock = new FakeClock();
  const shown: { bundle: Record<string, unknown>; options?: { displayId?: string; update?: boolean } }[] = [];
  const live = new LiveProgress((bundle, options) => shown.push({ bundle, options }), clock);
  return { clock, shown, live };
}

describe("progressText", () => {
  it("says which run, how many tasks, how long, and which sweep point", () => {
    expect(progressText(progress(340))).toBe("%%threads · run 2 of 5 · 340/1000 tasks · 3.2 s");
    expect(progressText(progress(0, { warmup: true, run: 1, runs: 1, point: { index: 1, of: 4, value: 100, parameter: "tasks" } }))).toBe(
      "%%threads · tasks=100 (point 2 of 4) · warm-up 1 of 1 · 0/1000 tasks · 3.2 s",
    );
  });
});

describe("LiveProgress", () => {
  it("shows nothing for an experiment that ends within half a second, and lets the caller show the result", () => {
    const { clock, shown, live } = setup();
    live.update(progress(10));
    clock.advance(400);
    live.update(progress(900));
    live.finish("%%threads", "done");
    clock.advance(1000);
    expect(shown).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it("appears after half a second with the latest progress, even when no progress arrives then", () => {
    const { clock, shown, live } = setup();
    live.update(progress(10));
    live.update(progress(20));
    clock.advance(499);
    expect(shown).toEqual([]);
    clock.advance(1);
    expect(shown).toHaveLength(1);
    expect(shown[0].bundle["text/plain"]).toBe("%%threads · run 2 of 5 · 20/1000 tasks · 3.2 s");
    expect(shown[0].bundle["text/html"]).toContain('width: 2%');
    expect(shown[0].options).toEqual({ displayId: expect.stringMatching(/^conclab-progress-/), update: false });
  });

  it("updates the same display at most every 250 ms, always ending on the latest state", () => {
    const { clock, shown, live } = setup();
    clock.advance(600);
    live.update(progress(1));
    for (let done = 2; done <= 10; done++) {
      clock.advance(50);
      live.update(progress(done));
    }
    // Shown at 600, then at 850 (the timer fires before the update of t = 850 arrives), and the 10 done of t = 1050 waits for 1100.
    expect(shown.map((s) => s.bundle["text/plain"])).toEqual([expect.stringContaining(" 1/1000"), expect.stringContaining(" 5/1000")]);
    clock.advance(50);
    expect(shown.map((s) => s.options)).toEqual([
      { displayId: shown[0].options!.displayId, update: false },
      { displayId: shown[0].options!.displayId, update: true },
      { displayId: shown[0].options!.displayId, update: true },
    ]);
    expect(shown[2].bundle["text/plain"]).toContain(" 10/1000");
  });

  it("ends as one line saying how it ended and how long it took, and shows nothing after", () => {
    const { clock, shown, live } = setup();
    clock.advance(700);
    live.update(progress(500));
    live.update(progress(600));
    clock.advance(2500);
    live.finish("%%threads", "done");
    clock.advance(1000);
    live.update(progress(700));
    expect(shown.map((s) => s.bundle["text/plain"])).toEqual([expect.stringContaining(" 500/1000"), expect.stringContaining(" 600/1000"), "%%threads done in 3.2 s"]);
    expect(shown[2].options).toEqual({ displayId: shown[0].options!.displayId, update: true });
    expect(shown[2].bundle["text/html"]).toContain("%%threads done in 3.2 s");
  });
});
